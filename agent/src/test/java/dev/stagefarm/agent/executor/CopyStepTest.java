package dev.stagefarm.agent.executor;

import static dev.stagefarm.agent.executor.Steps.add;
import static dev.stagefarm.agent.executor.Steps.addUrl;
import static dev.stagefarm.agent.executor.Steps.copy;
import static dev.stagefarm.agent.executor.Steps.copyExcluding;
import static dev.stagefarm.agent.executor.Steps.copyFrom;
import static dev.stagefarm.agent.executor.Steps.copyHeredoc;
import static dev.stagefarm.agent.executor.Steps.copyLink;
import static dev.stagefarm.agent.executor.Steps.copyParents;
import static dev.stagefarm.agent.executor.Steps.copyWith;
import static dev.stagefarm.agent.executor.Steps.run;
import static dev.stagefarm.agent.executor.Steps.workdir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.stagefarm.agent.copy.TestArchive;
import dev.stagefarm.agent.docker.DockerDaemonExtension;
import dev.stagefarm.agent.docker.ImageFiles;
import dev.stagefarm.agent.docker.TestDocker;
import dev.stagefarm.agent.stage.HeredocFile;
import dev.stagefarm.agent.stage.StageStep;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Slow: COPY/ADD steps against a private Docker daemon with busybox. */
@ExtendWith(DockerDaemonExtension.class)
class CopyStepTest {

    @TempDir
    Path context;

    @BeforeEach
    void makeContext() throws Exception {
        Files.createDirectories(context.resolve("src/lib"));
        Files.writeString(context.resolve("src/main.c"), "int main;\n");
        Files.writeString(context.resolve("src/lib/util.c"), "util\n");
        Files.writeString(context.resolve("src/notes.md"), "notes\n");
        Files.writeString(context.resolve("run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(context.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(context.resolve("a.txt"), "a\n");
        Files.writeString(context.resolve("b.txt"), "b\n");
    }

    @Test
    void fileToPathWithoutSlashBecomesThatFileOwnedByRootWithItsMode(TestDocker docker) {
        StageResult result = StageFixture.build(docker, context, copy("/opt/start", "run.sh"));
        ImageFiles.Fact fact = ImageFiles.read(docker.engine(), result.imageId(), "/opt/start").get("/opt/start");
        assertThat(fact).isEqualTo(new ImageFiles.Fact('f', 0750, 0, 0, "#!/bin/sh\n"));
    }

    @Test
    void fileToExistingFolderGoesInsideIt(TestDocker docker) {
        StageResult result = StageFixture.build(docker, context, copy("/etc", "a.txt"));
        assertThat(ImageFiles.text(docker.engine(), result.imageId(), "/etc/a.txt")).isEqualTo("a\n");
    }

    @Test
    void folderSourceCopiesItsContentRelativeToWorkdir(TestDocker docker) {
        StageResult result = StageFixture.build(docker, context, workdir("/app"), copy("code/", "src"));
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/app/code").keySet()).containsExactly(
                "/app/code", "/app/code/lib", "/app/code/lib/util.c", "/app/code/main.c", "/app/code/notes.md");
    }

    @Test
    void wildcardCopiesEveryMatchIntoFolder(TestDocker docker) {
        StageResult result = StageFixture.build(docker, context, copy("/texts/", "*.txt"));
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/texts").keySet())
                .containsExactly("/texts", "/texts/a.txt", "/texts/b.txt");
    }

    @Test
    void missingSourceFailsNamingThePath(TestDocker docker) {
        assertThatThrownBy(() -> StageFixture.build(docker, context, copy("/x/", "a.txt", "nope/missing.txt")))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.COPY_SOURCE_MISSING);
                    assertThat(e.subject()).isEqualTo("nope/missing.txt");
                    assertThat(e.getMessage()).contains("/nope/missing.txt");
                });
    }

    @Test
    void wildcardWithoutMatchFails(TestDocker docker) {
        assertThatThrownBy(() -> StageFixture.build(docker, context, copy("/x/", "*.none")))
                .isInstanceOfSatisfying(StagefarmException.class, e -> assertThat(e.code()).isEqualTo(FailureCode.COPY_SOURCE_MISSING));
    }

    @Test
    void chownByNameAndChmodApplyToEveryCopiedEntry(TestDocker docker) {
        StageResult result = StageFixture.build(docker, context, copyWith("app:staff", "640", "/data/", "src/lib"));
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/data/util.c").get("/data/util.c"))
                .isEqualTo(new ImageFiles.Fact('f', 0640, 1000, 50, "util\n"));
    }

    @Test
    void chownUserOnlyTakesItsPrimaryGroup(TestDocker docker) {
        StageResult result = StageFixture.build(docker, context, copyWith("app", "", "/a.txt", "a.txt"));
        ImageFiles.Fact fact = ImageFiles.read(docker.engine(), result.imageId(), "/a.txt").get("/a.txt");
        assertThat(fact.uid()).isEqualTo(1000);
        assertThat(fact.gid()).isEqualTo(1000);
    }

    @Test
    void chownUnknownUserFails(TestDocker docker) {
        assertThatThrownBy(() -> StageFixture.build(docker, context, copyWith("ghost", "", "/a.txt", "a.txt")))
                .isInstanceOfSatisfying(StagefarmException.class, e -> assertThat(e.code()).isEqualTo(FailureCode.DOCKERFILE_INSTRUCTION));
    }

    @Test
    void parentsKeepsSourcePathsAndExcludeDropsMatches(TestDocker docker) {
        StageResult result = StageFixture.build(docker, context,
                copyParents("/out/", List.of("**/*.md"), "src/main.c", "src/lib"),
                copyExcluding("/ex/", List.of("*.md", "lib"), "src"));
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/out").keySet())
                .contains("/out/src/main.c", "/out/src/lib/util.c");
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/ex").keySet())
                .containsExactly("/ex", "/ex/main.c");
    }

    @Test
    void heredocBecomesAFile(TestDocker docker) {
        StageResult result = StageFixture.build(docker, context, copyHeredoc("/etc/motd", new HeredocFile("EOF", "welcome\n")));
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/etc/motd").get("/etc/motd"))
                .isEqualTo(new ImageFiles.Fact('f', 0644, 0, 0, "welcome\n"));
    }

    @Test
    void copyFromUpstreamArtifactsKeepsOwnersAndModes(TestDocker docker, @TempDir Path artifacts) throws Exception {
        Path dist = Files.createDirectories(artifacts.resolve("app/dist"));
        Files.writeString(dist.resolve("bundle.js"), "js\n");
        Files.setPosixFilePermissions(dist.resolve("bundle.js"), PosixFilePermissions.fromString("rwxr--r--"));
        Files.setAttribute(dist.resolve("bundle.js"), "unix:uid", 1000);
        Files.setAttribute(dist.resolve("bundle.js"), "unix:gid", 50);
        StageResult result = StageFixture.executor(docker).execute(new StageWork("web",
                new BaseImage.Reference("busybox:latest"), List.of(copyFrom("builder", "/www", "/app/dist"))),
                new StageInputs(null, Map.of("builder", artifacts), Map.of()), StageListener.NONE);
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/www/bundle.js").get("/www/bundle.js"))
                .isEqualTo(new ImageFiles.Fact('f', 0744, 1000, 50, "js\n"));
    }

    @Test
    void addUrlVerifiesChecksumAndStoresFileWithMode600(TestDocker docker) throws Exception {
        byte[] body = "downloaded\n".getBytes(StandardCharsets.UTF_8);
        HttpServer server = serve("/files/tool.txt", body);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/files/tool.txt";
            String sum = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            StageResult result = StageFixture.build(docker, context, addUrl(url, sum, "/opt/"));
            assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/opt/tool.txt").get("/opt/tool.txt"))
                    .isEqualTo(new ImageFiles.Fact('f', 0600, 0, 0, "downloaded\n"));
            assertThatThrownBy(() -> StageFixture.build(docker, context, addUrl(url, "sha256:" + "0".repeat(64), "/opt/")))
                    .isInstanceOfSatisfying(StagefarmException.class, e -> assertThat(e.getMessage()).contains("digest mismatch"));
        } finally {
            server.stop(0);
        }
    }

    private static TestArchive release() {
        return new TestArchive().dir("app", 0750, 1000, 50).file("app/run.sh", 04755, 1000, 50, "#!/bin/sh\n")
                .file("app/conf", 0600, 0, 0, "k=v\n").symlink("app/latest", "/opt/app/run.sh")
                .hardlink("app/again", 0600, "app/conf");
    }

    @Test
    void addUnpacksEveryPackingOfLocalArchiveKeepingItsOwnersAndModes(TestDocker docker) {
        for (TestArchive.Packing packing : TestArchive.Packing.values()) {
            // Named without an archive suffix: recognised by content.
            release().writeTo(context.resolve("release.bin"), packing);
            StageResult result = StageFixture.build(docker, context, add("/opt", null, "", "release.bin"),
                    run("cat /opt/app/again > /hard"));
            assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/opt")).as(packing.name()).containsAllEntriesOf(Map.of(
                    "/opt", new ImageFiles.Fact('d', 0755, 0, 0, ""),
                    "/opt/app", new ImageFiles.Fact('d', 0750, 1000, 50, ""),
                    "/opt/app/run.sh", new ImageFiles.Fact('f', 04755, 1000, 50, "#!/bin/sh\n"),
                    "/opt/app/latest", new ImageFiles.Fact('l', 0777, 0, 0, "/opt/app/run.sh")));
            // The two names of the hard-linked file: one comes back as a link entry, so check mode and content apart.
            assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/opt/app/conf").get("/opt/app/conf").mode())
                    .isEqualTo(0600);
            assertThat(ImageFiles.text(docker.engine(), result.imageId(), "/hard")).isEqualTo("k=v\n");
        }
    }

    @Test
    void addWithChownGivesUnpackedEntriesThatOwner(TestDocker docker) {
        release().writeTo(context.resolve("release.tgz"), TestArchive.Packing.GZIP);
        StageResult result = StageFixture.build(docker, context, add("/srv/", null, "app:staff", "release.tgz"));
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/srv/app/run.sh").get("/srv/app/run.sh"))
                .isEqualTo(new ImageFiles.Fact('f', 04755, 1000, 50, "#!/bin/sh\n"));
        ImageFiles.Fact conf = ImageFiles.read(docker.engine(), result.imageId(), "/srv/app/conf").get("/srv/app/conf");
        assertThat(List.of(conf.uid(), conf.gid())).containsExactly(1000, 50);
    }

    @Test
    void addUnpackFalseAndCopyKeepArchivesPacked(TestDocker docker) throws Exception {
        release().writeTo(context.resolve("release.tgz"), TestArchive.Packing.GZIP);
        long size = Files.size(context.resolve("release.tgz"));
        StageResult result = StageFixture.build(docker, context, add("/packed/", false, "", "release.tgz"),
                copy("/copied/", "release.tgz"), run("wc -c < /packed/release.tgz > /sizes; wc -c < /copied/release.tgz >> /sizes"));
        assertThat(ImageFiles.text(docker.engine(), result.imageId(), "/sizes")).isEqualTo(size + "\n" + size + "\n");
    }

    @Test
    void addArchiveWithEntryEscapingTheDestinationFailsNamingIt(TestDocker docker) {
        new TestArchive().file("ok.txt", 0644, 0, 0, "ok\n").file("../../etc/evil", 0644, 0, 0, "x\n")
                .writeTo(context.resolve("evil.tar"), TestArchive.Packing.TAR);
        assertThatThrownBy(() -> StageFixture.build(docker, context, add("/x/", null, "", "evil.tar")))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.CONTEXT_INVALID);
                    assertThat(e.subject()).isEqualTo("evil.tar");
                    assertThat(e.getMessage()).contains("../../etc/evil").contains("escapes");
                });
    }

    @Test
    void linkReplacesASymlinkOnTheDestinationPathWhereAPlainCopyFollowsIt(TestDocker docker) {
        StageStep.Run base = run("mkdir -p /srv/real /srv/other && ln -s /srv/real /app && ln -s /srv/other /lib2");
        StageResult result = StageFixture.build(docker, context, base, copy("/app/", "a.txt"), copyLink("/lib2/", "b.txt"));
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/srv/real/a.txt")).isNotEmpty();
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/app").get("/app").type()).isEqualTo('l');
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/lib2")).containsOnlyKeys("/lib2", "/lib2/b.txt")
                .containsEntry("/lib2", new ImageFiles.Fact('d', 0755, 0, 0, ""));
        assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/srv/other")).containsOnlyKeys("/srv/other");
    }

    @Test
    void addUrlOfAnArchiveStoresItPacked(TestDocker docker) throws Exception {
        byte[] body = Files.readAllBytes(release().writeTo(context.resolve("served.tgz"), TestArchive.Packing.GZIP));
        HttpServer server = serve("/release.tgz", body);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/release.tgz";
            StageResult result = StageFixture.build(docker, context, addUrl(url, "", "/dl/"));
            assertThat(ImageFiles.read(docker.engine(), result.imageId(), "/dl").keySet())
                    .containsExactly("/dl", "/dl/release.tgz");
        } finally {
            server.stop(0);
        }
    }

    /** A local HTTP server answering {@code path} with {@code body}; the caller stops it. */
    private static HttpServer serve(String path, byte[] body) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
