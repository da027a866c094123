package dev.stagefarm.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.agent.exec.ExecSpec;
import dev.stagefarm.agent.exec.LogListener;
import dev.stagefarm.agent.exec.NetworkMode;
import dev.stagefarm.agent.exec.PathKind;
import dev.stagefarm.agent.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Slow: runs containers on a private Docker daemon. */
@ExtendWith(DockerDaemonExtension.class)
class DockerEngineTest {

    @Test
    void runsProcessAndStreamsBothOutputsLineByLine(TestDocker docker) {
        DockerEngine engine = docker.engine();
        List<String> lines = new ArrayList<>();
        ExecSpec spec = new ExecSpec(docker.busybox(), List.of("/bin/sh", "-c", "echo one; echo two >&2; printf three; exit 3"),
                List.of("PATH=" + ImageConfig.DEFAULT_PATH), "/tmp", "", List.of(), NetworkMode.NONE);
        String id = engine.containers().createExec("engine-test-run", spec);
        try {
            int exit = engine.containers().startAndWait(id, (stream, text) -> lines.add(stream + ":" + text));
            assertThat(exit).isEqualTo(3);
            assertThat(lines).contains("STDOUT:one", "STDERR:two", "STDOUT:three");
        } finally {
            engine.containers().removeContainer(id);
        }
    }

    @Test
    void commitKeepsRequestedConfigAndStatSeesFolders(TestDocker docker) {
        DockerEngine engine = docker.engine();
        ImageConfig config = engine.images().imageConfig(docker.busybox()).withEntrypoint(List.of("/bin/sh", "-c"))
                .withStopSignal("SIGINT").withShell(List.of("/bin/ash", "-c")).withLabel("a", "b");
        String id = engine.containers().createIdle("engine-test-commit", docker.busybox(), config);
        try {
            assertThat(engine.containers().pathKind(id, "/etc")).isEqualTo(PathKind.DIRECTORY);
            assertThat(engine.containers().pathKind(id, "/etc/passwd")).isEqualTo(PathKind.FILE);
            assertThat(engine.containers().pathKind(id, "/nope")).isEqualTo(PathKind.MISSING);
            assertThat(engine.containers().pathKind(id, "/bin/sh")).as("a link, not followed").isEqualTo(PathKind.FILE);
            String image = engine.containers().commit(id, config);
            assertThat(engine.images().imageConfig(image)).isEqualTo(config);
            engine.images().removeImage(image);
        } finally {
            engine.containers().removeContainer(id);
        }
        assertThat(engine.containers().containersNamed("engine-test-commit")).isEmpty();
        LogListener.NONE.line(LogListener.Stream.STDOUT, "");
    }

    @Test
    void rewrittenConfigTakesOutWhatCommitLeakedWithoutSavingTheImage(TestDocker docker) {
        DockerEngine engine = docker.engine();
        ImageConfig wanted = engine.images().imageConfig(docker.busybox());
        // A build argument in the RUN environment: the daemon's commit merges it into the image.
        ExecSpec spec = new ExecSpec(docker.busybox(), List.of("/bin/sh", "-c", "echo data > /data"),
                List.of("PATH=" + ImageConfig.DEFAULT_PATH, "VERSION=1.2"), "", "", List.of(), NetworkMode.NONE, false);
        String container = engine.containers().createExec("engine-test-rewrite", spec);
        String leaked;
        try {
            assertThat(engine.containers().startAndWait(container, LogListener.NONE)).isZero();
            leaked = engine.containers().commit(container, wanted);
        } finally {
            engine.containers().removeContainer(container);
        }
        assertThat(engine.images().imageConfig(leaked).env()).contains("VERSION=1.2");
        TimedTransport timed = new TimedTransport();
        try (DockerEngine watched = DockerEngine.connect(docker.host(), timed::wrap)) {
            String rewritten = watched.images().rewriteConfig(leaked, wanted);
            assertThat(timed.drain()).containsKey("POST /images/load").doesNotContainKey("GET /images/{id}/get");
            assertThat(engine.images().imageConfig(rewritten)).isEqualTo(wanted);
            assertThat(ImageFiles.text(engine, rewritten, "/data")).isEqualTo("data\n");
            engine.images().removeImage(rewritten);
        }
        engine.images().removeImage(leaked);
    }
}
