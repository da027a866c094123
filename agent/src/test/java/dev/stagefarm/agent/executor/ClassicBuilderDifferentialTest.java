package dev.stagefarm.agent.executor;

import static dev.stagefarm.agent.executor.Steps.arg;
import static dev.stagefarm.agent.executor.Steps.copy;
import static dev.stagefarm.agent.executor.Steps.copyWith;
import static dev.stagefarm.agent.executor.Steps.entrypoint;
import static dev.stagefarm.agent.executor.Steps.exec;
import static dev.stagefarm.agent.executor.Steps.expose;
import static dev.stagefarm.agent.executor.Steps.label;
import static dev.stagefarm.agent.executor.Steps.run;
import static dev.stagefarm.agent.executor.Steps.user;
import static dev.stagefarm.agent.executor.Steps.volume;
import static dev.stagefarm.agent.executor.Steps.workdir;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.agent.copy.TestArchive;
import dev.stagefarm.agent.docker.ClassicBuilder;
import dev.stagefarm.agent.docker.DockerDaemonExtension;
import dev.stagefarm.agent.docker.ImageFiles;
import dev.stagefarm.agent.docker.TestDocker;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.stage.KeyValue;
import dev.stagefarm.agent.stage.StageStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow: the same Dockerfile built by the daemon's classic builder and by the agent's executor
 * (steps written as the frontend resolves them) must give the same files (type, content, mode,
 * owner) and the same image config.
 */
@ExtendWith(DockerDaemonExtension.class)
class ClassicBuilderDifferentialTest {

    private static final List<String> COMPARED_PATHS = List.of("/srv", "/usr/local/bin", "/data", "/var/lib/thing",
            "/version", "/etc/passwd");

    @Test
    void multiInstructionStageMatchesClassicBuilder(TestDocker docker, @TempDir Path context) throws Exception {
        Files.createDirectories(context.resolve("src/sub"));
        Files.setPosixFilePermissions(context.resolve("src"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(context.resolve("src/main.sh"), "echo main\n");
        Files.writeString(context.resolve("src/sub/x.conf"), "x=1\n");
        Files.setPosixFilePermissions(context.resolve("src/sub/x.conf"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(context.resolve("run.sh"), "#!/bin/sh\necho run\n");
        Files.setPosixFilePermissions(context.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(context.resolve("a.txt"), "a\n");
        Files.writeString(context.resolve("b.txt"), "b\n");
        Files.writeString(context.resolve("Dockerfile"), """
                FROM busybox:latest
                ARG VERSION=1.0
                ENV APP_HOME=/srv/app MODE=prod
                WORKDIR $APP_HOME
                COPY src/ ./src/
                COPY run.sh /usr/local/bin/
                COPY --chown=app:staff a.txt b.txt /data/
                RUN echo "$VERSION $MODE" > version.txt && mkdir -p /var/lib/thing && chown app /var/lib/thing
                RUN ["/bin/sh", "-c", "ln -s /srv/app/version.txt /version"]
                USER app
                LABEL org.example.name="demo" version=1
                EXPOSE 8080 53/udp
                VOLUME /data
                ENTRYPOINT ["/usr/local/bin/run.sh"]
                CMD ["--help"]
                """);
        List<StageStep> steps = List.of(
                arg("VERSION", "1.0"),
                new StageStep.Env(3, "ENV", List.of(new KeyValue("APP_HOME", "/srv/app"), new KeyValue("MODE", "prod"))),
                workdir("/srv/app"),
                copy("./src/", "src/"),
                copy("/usr/local/bin/", "run.sh"),
                copyWith("app:staff", "", "/data/", "a.txt", "b.txt"),
                run("echo \"$VERSION $MODE\" > version.txt && mkdir -p /var/lib/thing && chown app /var/lib/thing"),
                exec("/bin/sh", "-c", "ln -s /srv/app/version.txt /version"),
                user("app"),
                new StageStep.Label(11, "LABEL", List.of(new KeyValue("org.example.name", "demo"), new KeyValue("version", "1"))),
                expose("8080", "53/udp"),
                volume("/data"),
                entrypoint("/usr/local/bin/run.sh"),
                Steps.cmd("--help"));
        assertSameAsClassic(docker, context, steps);
        assertThat(ImageFiles.text(docker.engine(), ClassicBuilder.build(docker, context), "/srv/app/version.txt"))
                .isEqualTo("1.0 prod\n");
    }

    @Test
    void entrypointDropsInheritedCmdLikeClassicBuilder(TestDocker docker, @TempDir Path context) throws Exception {
        Files.writeString(context.resolve("Dockerfile"), """
                FROM busybox:latest
                ENTRYPOINT echo entry
                """);
        assertSameAsClassic(docker, context, List.of(new StageStep.Entrypoint(2, "ENTRYPOINT", List.of("echo entry"), true)));
    }

    @Test
    void entrypointKeepsCmdSetInSameStageLikeClassicBuilder(TestDocker docker, @TempDir Path context) throws Exception {
        Files.writeString(context.resolve("Dockerfile"), """
                FROM busybox:latest
                CMD echo hi
                ENTRYPOINT ["/bin/echo"]
                WORKDIR rel/dir
                WORKDIR ../other
                """);
        assertSameAsClassic(docker, context, List.of(new StageStep.Cmd(2, "CMD", List.of("echo hi"), true),
                entrypoint("/bin/echo"), workdir("rel/dir"), workdir("../other")));
    }

    @Test
    void addUnpacksLocalArchivesLikeClassicBuilder(TestDocker docker, @TempDir Path context) throws Exception {
        new TestArchive().dir("app", 0750, 1000, 50).file("app/run.sh", 0755, 1000, 50, "#!/bin/sh\n")
                .file("app/conf", 0600, 0, 0, "k=v\n").symlink("app/latest", "/opt/app/run.sh")
                .hardlink("app/again", 0600, "app/conf").writeTo(context.resolve("app.tgz"), TestArchive.Packing.GZIP);
        new TestArchive().file("rows.csv", 0640, 33, 33, "1,2\n").dir("nested/deeper", 0700, 0, 0)
                .writeTo(context.resolve("data.bin"), TestArchive.Packing.BZIP2);
        new TestArchive().dir("plain", 0755, 0, 0).file("plain/x.txt", 0644, 0, 0, "x\n")
                .writeTo(context.resolve("plain.tar"), TestArchive.Packing.TAR);
        Files.writeString(context.resolve("notes.tar.gz"), "not an archive\n");
        Files.writeString(context.resolve("Dockerfile"), """
                FROM busybox:latest
                ADD app.tgz /opt/
                ADD data.bin /srv/data
                ADD plain.tar /
                ADD notes.tar.gz /docs/
                """);
        assertSameAsClassic(docker, context, List.of(Steps.add("/opt/", null, "", "app.tgz"),
                Steps.add("/srv/data", null, "", "data.bin"), Steps.add("/", null, "", "plain.tar"),
                Steps.add("/docs/", null, "", "notes.tar.gz")), List.of("/opt", "/srv", "/plain", "/docs"));
        String classic = ClassicBuilder.build(docker, context);
        assertThat(ImageFiles.text(docker.engine(), classic, "/srv/data/rows.csv")).isEqualTo("1,2\n");
        assertThat(ImageFiles.text(docker.engine(), classic, "/docs/notes.tar.gz")).isEqualTo("not an archive\n");
    }

    private static void assertSameAsClassic(TestDocker docker, Path context, List<StageStep> steps) {
        assertSameAsClassic(docker, context, steps, COMPARED_PATHS);
    }

    private static void assertSameAsClassic(TestDocker docker, Path context, List<StageStep> steps, List<String> paths) {
        String classic = ClassicBuilder.build(docker, context);
        StageResult ours = StageFixture.executor(docker).execute(new StageWork("diff",
                new BaseImage.Reference("busybox:latest"), steps), StageInputs.contextOnly(context), StageListener.NONE);
        ImageConfig expected = docker.engine().images().imageConfig(classic);
        ImageConfig actual = docker.engine().images().imageConfig(ours.imageId());
        assertThat(comparable(actual)).isEqualTo(comparable(expected));
        for (String path : paths) {
            assertThat(ImageFiles.read(docker.engine(), ours.imageId(), path)).as(path)
                    .isEqualTo(ImageFiles.read(docker.engine(), classic, path));
        }
        String dir = expected.workingDir();
        if (!dir.isEmpty()) {
            assertThat(ImageFiles.read(docker.engine(), ours.imageId(), dir).get(dir))
                    .isEqualTo(ImageFiles.read(docker.engine(), classic, dir).get(dir));
        }
    }

    /** The fields the differential check compares. */
    private static List<Object> comparable(ImageConfig c) {
        return List.of(c.env(), c.cmd(), c.entrypoint(), c.workingDir(), c.user(), c.labels(), c.exposedPorts(),
                c.volumes());
    }
}
