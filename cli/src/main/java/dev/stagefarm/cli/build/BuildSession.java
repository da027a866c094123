package dev.stagefarm.cli.build;

import dev.stagefarm.api.BuildRequest;
import dev.stagefarm.api.BuildView;
import dev.stagefarm.cli.api.CoordinatorClient;
import dev.stagefarm.cli.api.EventFollower;
import dev.stagefarm.cli.progress.BuildSnapshot;
import dev.stagefarm.cli.progress.ProgressMode;
import dev.stagefarm.cli.progress.ProgressPrinter;
import dev.stagefarm.failure.FailureCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One {@code stagefarm build}: send the context, create the build, follow its events into the
 * chosen progress view until it ends, then bring its outputs here. Returns the exit code: 0 on
 * success or detach, else the failure code's.
 */
public final class BuildSession {
    private final CoordinatorClient client;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private final ProgressMode mode;
    private final int width;

    public BuildSession(CoordinatorClient client, PrintWriter out, PrintWriter err, boolean terminal, ProgressMode mode,
            int width) {
        this.client = client;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.mode = mode;
        this.width = width;
    }

    public int run(Path workingDir, Path context, String file, BuildFlags flags, Map<String, String> env,
            boolean detach) throws IOException {
        Path contextDir = workingDir.resolve(context);
        String dockerfile = DockerfileLocation.resolve(workingDir, contextDir, file);
        List<OutputSpec> outputs = BuildRequests.outputs(flags);
        // Check the flags before the context is packed and sent: a typo should cost nothing.
        BuildRequests.of(flags, "0".repeat(64), dockerfile, env);
        ContextUpload.Sent sent = new ContextUpload(client, mode == ProgressMode.quiet ? new PrintWriter(
                java.io.Writer.nullWriter()) : err, terminal, Clock.systemUTC()).send(contextDir, dockerfile);
        BuildRequest request = BuildRequests.of(flags, sent.context().digest().hex(), dockerfile, env);
        BuildView created = client.create(request);
        if (detach) {
            out.println(created.id());
            out.flush();
            return 0;
        }
        BuildSnapshot end = follow(created);
        if (end == null) {
            return 0;
        }
        if (!"SUCCEEDED".equals(end.state())) {
            return exitCode(end);
        }
        new ResultExports(client, workingDir, err).export(created.id(), outputs);
        return 0;
    }

    /** Follows the build to its end and prints the summary; null when the user detached. */
    private BuildSnapshot follow(BuildView created) {
        EventFollower follower = new EventFollower(client, 5, Duration.ofMillis(500));
        AtomicReference<BuildSnapshot> snapshot = new AtomicReference<>(BuildSnapshot.of(created));
        try (ProgressPrinter printer = ProgressPrinter.of(mode, out, err, width)) {
            InterruptPrompt prompt = new InterruptPrompt(client, created.id(), follower, printer, err,
                    terminal && mode == ProgressMode.tty);
            prompt.install();
            printer.start(snapshot.get());
            follower.follow(created.id(), 0, event -> printer.event(event, snapshot.updateAndGet(s -> s.apply(event))));
            if (prompt.detached()) {
                return null;
            }
            BuildView last = client.build(created.id());
            BuildSnapshot end = snapshot.get();
            if (end.failure() == null && last.failure() != null) {
                end = end.withFailure(last.failure());
            }
            printer.finish(end, last.image());
            return end;
        }
    }

    static int exitCode(BuildSnapshot end) {
        if ("CANCELLED".equals(end.state())) {
            return FailureCode.BUILD_CANCELLED.exitCode();
        }
        if (end.failure() == null || end.failure().code() == null) {
            return FailureCode.INTERNAL.exitCode();
        }
        try {
            return FailureCode.valueOf(end.failure().code()).exitCode();
        } catch (IllegalArgumentException newer) {
            return FailureCode.INTERNAL.exitCode();
        }
    }
}
