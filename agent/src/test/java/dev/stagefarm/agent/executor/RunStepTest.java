package dev.stagefarm.agent.executor;

import static dev.stagefarm.agent.executor.Steps.arg;
import static dev.stagefarm.agent.executor.Steps.env;
import static dev.stagefarm.agent.executor.Steps.exec;
import static dev.stagefarm.agent.executor.Steps.run;
import static dev.stagefarm.agent.executor.Steps.runHeredoc;
import static dev.stagefarm.agent.executor.Steps.user;
import static dev.stagefarm.agent.executor.Steps.workdir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.agent.docker.DockerDaemonExtension;
import dev.stagefarm.agent.docker.ImageFiles;
import dev.stagefarm.agent.docker.TestDocker;
import dev.stagefarm.agent.stage.HeredocFile;
import dev.stagefarm.agent.stage.MountRequest;
import dev.stagefarm.agent.stage.StageStep;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Slow: RUN steps against a private Docker daemon with busybox. */
@ExtendWith(DockerDaemonExtension.class)
class RunStepTest {

    @Test
    void shellFormRunCommitsItsFiles(TestDocker docker) {
        StageResult result = StageFixture.build(docker, run("echo hello > /hello && chmod 600 /hello"));
        ImageFiles.Fact fact = ImageFiles.read(docker.engine(), result.imageId(), "/hello").get("/hello");
        assertThat(fact.content()).isEqualTo("hello\n");
        assertThat(fact.mode()).isEqualTo(0600);
    }

    @Test
    void execFormRunsWithoutShell(TestDocker docker) {
        StageResult result = StageFixture.build(docker, exec("/bin/touch", "/made-by-exec"));
        assertThat(ImageFiles.text(docker.engine(), result.imageId(), "/made-by-exec")).isEqualTo("");
    }

    @Test
    void argIsVisibleToRunButNeverPersistedInConfig(TestDocker docker) {
        StageResult result = StageFixture.build(docker, arg("VERSION", "1.2"), arg("UNSET", null),
                run("echo \"$VERSION-${UNSET:-none}\" > /v"));
        assertThat(ImageFiles.text(docker.engine(), result.imageId(), "/v")).isEqualTo("1.2-none\n");
        assertThat(docker.engine().images().imageConfig(result.imageId()).env())
                .noneMatch(e -> e.startsWith("VERSION"));
        assertThat(docker.engine().images().imageConfig(result.imageId())).isEqualTo(result.config());
    }

    @Test
    void envWinsOverArgOfSameName(TestDocker docker) {
        StageResult result = StageFixture.build(docker, arg("MODE", "from-arg"), env("MODE", "from-env"),
                run("echo $MODE > /mode"));
        assertThat(ImageFiles.text(docker.engine(), result.imageId(), "/mode")).isEqualTo("from-env\n");
        assertThat(result.config().envValue("MODE")).contains("from-env");
    }

    @Test
    void runUsesWorkdirAndUser(TestDocker docker) {
        StageResult result = StageFixture.build(docker, workdir("/srv/app"), user("app"),
                run("pwd > /tmp/where && id -u >> /tmp/where"));
        assertThat(ImageFiles.text(docker.engine(), result.imageId(), "/tmp/where")).isEqualTo("/srv/app\n1000\n");
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/srv/app").get("/srv/app").type()).isEqualTo('d');
    }

    @Test
    void nonZeroExitFailsWithCodeLineAndLogTail(TestDocker docker) {
        List<String> lines = new ArrayList<>();
        StageExecutor executor = StageFixture.executor(docker);
        StageStep.Run failing = run("echo about to fail; echo on stderr >&2; exit 3");
        assertThatThrownBy(() -> executor.execute(new StageWork("t", new BaseImage.Reference("busybox:latest"),
                List.of(failing)), StageInputs.contextOnly(null), new StageListener() {
                    @Override
                    public void line(Stream stream, String text) {
                        lines.add(text);
                    }
                }))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.RUN_EXIT_NONZERO);
                    assertThat(e.line()).isEqualTo(failing.line());
                    assertThat(e.subject()).isEqualTo("Dockerfile:" + failing.line());
                    assertThat(e.getMessage()).contains("exit code: 3").contains("about to fail").contains("on stderr");
                });
        assertThat(lines).containsExactlyInAnyOrder("about to fail", "on stderr");
    }

    @Test
    void networkNoneLeavesOnlyLoopback(TestDocker docker) {
        StageResult none = StageFixture.build(docker, run(StageStep.Network.NONE, "ls /sys/class/net > /nets"));
        StageResult host = StageFixture.build(docker, run(StageStep.Network.DEFAULT, "ls /sys/class/net > /nets"));
        assertThat(ImageFiles.text(docker.engine(), none.imageId(), "/nets")).isEqualTo("lo\n");
        assertThat(ImageFiles.text(docker.engine(), host.imageId(), "/nets").lines().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void cacheMountKeepsFilesBetweenBuildsButOutOfTheImage(TestDocker docker) {
        MountRequest cache = new MountRequest.Cache("/cache", "run-step-test", MountRequest.Sharing.LOCKED, false);
        StageFixture.build(docker, run("echo $$ > /cache/first", cache));
        StageResult second = StageFixture.build(docker, run("cat /cache/first > /seen", cache));
        assertThat(ImageFiles.text(docker.engine(), second.imageId(), "/seen")).matches("\\d+\\n");
        assertThat(ImageFiles.read(docker.engine(), second.imageId(), "/cache/first")).isEmpty();
    }

    @Test
    void mountPointsTheDaemonCreatedLeaveNoTraceAndExistingOnesKeepTheirMode(TestDocker docker) {
        StageResult result = StageFixture.build(docker,
                run("mkdir -m 700 /kept-cache"),
                run("echo out > /work/out", cache("/cache"), cache("/kept-cache"), cache("/work/cache"),
                        new MountRequest.Tmpfs("/scratch/deep/tmp", 0)));
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/cache")).isEmpty();
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/scratch")).isEmpty();
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/kept-cache").get("/kept-cache"))
                .isEqualTo(new ImageFiles.Fact('d', 0700, 0, 0, ""));
        // The command wrote beside the mount point: the folder it shares with it stays.
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/work").keySet()).containsExactly("/work", "/work/out");
    }

    private static MountRequest cache(String target) {
        return new MountRequest.Cache(target, "mount-points" + target, MountRequest.Sharing.SHARED, false);
    }

    @Test
    void bindMountReadsContextReadOnly(TestDocker docker, @TempDir Path context) throws Exception {
        Files.writeString(context.resolve("input.txt"), "from context\n");
        StageResult result = StageFixture.build(docker, context,
                run("cat /ctx/input.txt > /out; touch /ctx/x 2>/dev/null && echo writable >> /out || echo read-only >> /out",
                        new MountRequest.Bind("/ctx", ".", null, false)));
        assertThat(ImageFiles.text(docker.engine(), result.imageId(), "/out")).isEqualTo("from context\nread-only\n");
        assertThat(context.resolve("x")).doesNotExist();
    }

    @Test
    void bindFromImageMountsThatImagesPathReadOnlyWithItsOwners(TestDocker docker) {
        StageResult source = StageFixture.build(docker,
                run("mkdir /payload && echo from-image > /payload/msg && chown 1000:50 /payload/msg"));
        docker.engine().images().tag(source.imageId(), "bind-source", "test");
        StageResult result = StageFixture.build(docker,
                run("cat /m/msg > /out && stat -c %u:%g /m/msg >> /out && ls /tools/busybox >> /out"
                        + " && (touch /m/x 2>/dev/null && echo writable >> /out || echo read-only >> /out)",
                        new MountRequest.Bind("/m", "/payload", "bind-source:test", false),
                        new MountRequest.Bind("/tools", "bin", "busybox:latest", false)));
        assertThat(ImageFiles.text(docker.engine(), result.imageId(), "/out"))
                .isEqualTo("from-image\n1000:50\n/tools/busybox\nread-only\n");
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/m")).isEmpty();
    }

    @Test
    void bindFromImageOfMissingPathFailsNamingIt(TestDocker docker) {
        assertThatThrownBy(() -> StageFixture.build(docker,
                run("true", new MountRequest.Bind("/m", "/nowhere", "busybox:latest", false))))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.COPY_SOURCE_MISSING);
                    assertThat(e.getMessage()).contains("/nowhere").contains("busybox:latest");
                });
    }

    @Test
    void tmpfsMountContentIsNotCommitted(TestDocker docker) {
        StageResult result = StageFixture.build(docker,
                run("echo temp > /scratch/file && cat /scratch/file > /kept", new MountRequest.Tmpfs("/scratch", 0)));
        assertThat(ImageFiles.text(docker.engine(), result.imageId(), "/kept")).isEqualTo("temp\n");
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/scratch/file")).isEmpty();
    }

    @Test
    void secretIsReadableDuringRunAndNeverCommitted(TestDocker docker, @TempDir Path dir) throws Exception {
        Path secret = dir.resolve("token");
        Files.writeString(secret, "s3cr3t");
        StageExecutor executor = StageFixture.executor(docker);
        StageResult result = executor.execute(new StageWork("t", new BaseImage.Reference("busybox:latest"),
                List.of(run("wc -c < /run/secrets/token > /length", new MountRequest.Secret(null, "token", true)))),
                new StageInputs(null, Map.of(), Map.of("token", secret)), StageListener.NONE);
        assertThat(ImageFiles.text(docker.engine(), result.imageId(), "/length").strip()).isEqualTo("6");
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/run/secrets").values())
                .noneMatch(f -> f.content().contains("s3cr3t"));
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/run/secrets/token")).isEmpty();
    }

    @Test
    void missingRequiredSecretFailsBeforeRunning(TestDocker docker) {
        assertThatThrownBy(() -> StageFixture.build(docker, run("true", new MountRequest.Secret(null, "absent", true))))
                .isInstanceOfSatisfying(StagefarmException.class, e -> assertThat(e.subject()).isEqualTo("secret absent"));
    }

    @Test
    void heredocAloneRunsItsBodyWithTheShell(TestDocker docker) {
        StageResult result = StageFixture.build(docker,
                runHeredoc("<<EOF", new HeredocFile("EOF", "echo one > /one\necho two > /two\n")));
        assertThat(ImageFiles.text(docker.engine(), result.imageId(), "/one")).isEqualTo("one\n");
        assertThat(ImageFiles.text(docker.engine(), result.imageId(), "/two")).isEqualTo("two\n");
    }

    @Test
    void heredocWithShebangRunsAsScript(TestDocker docker) {
        StageResult result = StageFixture.build(docker,
                runHeredoc("<<EOF", new HeredocFile("EOF", "#!/bin/sh\necho \"$0\" > /script-name\n")));
        assertThat(ImageFiles.text(docker.engine(), result.imageId(), "/script-name")).isEqualTo("/dev/pipes/EOF\n");
    }

    @Test
    void heredocFedToCommandReachesItsStdin(TestDocker docker) {
        StageResult result = StageFixture.build(docker,
                runHeredoc("cat <<EOF > /greeting", new HeredocFile("EOF", "hi there\n")));
        assertThat(ImageFiles.text(docker.engine(), result.imageId(), "/greeting")).isEqualTo("hi there\n");
    }
}
