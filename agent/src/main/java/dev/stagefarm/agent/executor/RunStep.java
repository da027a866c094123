package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.exec.ExecSpec;
import dev.stagefarm.agent.exec.LogListener;
import dev.stagefarm.agent.exec.MountSpec;
import dev.stagefarm.agent.exec.NetworkMode;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.stage.HeredocFile;
import dev.stagefarm.agent.stage.MountRequest;
import dev.stagefarm.agent.stage.StageStep;
import dev.stagefarm.agent.translation.BuildState;
import dev.stagefarm.agent.translation.RunCommand;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * RUN: a container from the current image with the stage's environment (ENV plus ARGs), WORKDIR,
 * USER, network and mounts runs the command; its output streams to the listener; a non-zero
 * exit fails the build with the last lines of output; otherwise the container is committed.
 */
final class RunStep {

    private static final int TAIL_LINES = 20;

    private final StageSession session;
    private final MountResolver mounts;
    private final CacheLocks locks;

    RunStep(StageSession session, MountResolver mounts, CacheLocks locks) {
        this.session = session;
        this.mounts = mounts;
        this.locks = locks;
    }

    /** Runs {@code run} on {@code image}; returns the committed image. */
    String execute(String image, BuildState state, StageStep.Run run, LogListener listener) {
        ExecSpec spec = spec(image, state, run);
        List<ReentrantLock> held = new ArrayList<>();
        for (MountRequest request : run.mounts()) {
            if (request instanceof MountRequest.Cache cache && cache.sharing() != MountRequest.Sharing.SHARED) {
                ReentrantLock lock = locks.lockFor(MountResolver.cacheVolume(cache.id()));
                lock.lock();
                held.add(lock);
            }
        }
        try {
            MountPoints created = MountPoints.missingIn(session, image, spec.mounts());
            String container = session.createExec(spec);
            LogTail tail = new LogTail(listener, TAIL_LINES);
            int exit = session.engine().containers().startAndWait(container, tail);
            if (exit != 0) {
                throw new StagefarmException(FailureCode.RUN_EXIT_NONZERO, "Dockerfile:" + run.line(), run.line(),
                        "process \"" + String.join(" ", spec.argv()) + "\" did not complete successfully: exit code: "
                                + exit + (tail.text().isEmpty() ? "" : "\n" + tail.text()));
            }
            String committed = session.commit(container, state.config());
            return created.isEmpty() ? committed : removeMountPoints(committed, state, created);
        } finally {
            held.forEach(ReentrantLock::unlock);
        }
    }

    /** A short container of the RUN's result removes the mount points the daemon created; its commit is the result. */
    private String removeMountPoints(String image, BuildState state, MountPoints created) {
        ExecSpec cleanup = new ExecSpec(image, created.cleanupArgv(), state.runEnvironment(), "/", "0", List.of(),
                NetworkMode.NONE);
        String container = session.createExec(cleanup);
        session.engine().containers().startAndWait(container, LogListener.NONE);
        return session.commit(container, state.config());
    }

    private ExecSpec spec(String image, BuildState state, StageStep.Run run) {
        ImageConfig config = state.config();
        RunCommand command = RunCommand.of(config, run);
        List<MountSpec> resolved = new ArrayList<>();
        for (MountRequest request : run.mounts()) {
            mounts.resolve(request, run.line()).ifPresent(resolved::add);
        }
        command.script().ifPresent(script -> resolved.add(new MountSpec.HostBind(writeScript(script),
                RunCommand.SCRIPT_DIR + script.name(), true)));
        // The image has a health check only if the config does (a HEALTHCHECK is never taken back to none).
        return new ExecSpec(image, command.argv(), state.runEnvironment(), config.workingDir(), config.user(),
                resolved, NetworkMode.of(run.network()), config.healthcheck() != null);
    }

    private Path writeScript(HeredocFile script) {
        try {
            Path file = Files.createTempFile(session.tempDir(), "heredoc", ".sh");
            Files.writeString(file, script.content());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
