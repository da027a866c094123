package dev.stagefarm.agent.executor;

import static dev.stagefarm.agent.executor.Steps.copyFrom;
import static dev.stagefarm.agent.executor.Steps.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.agent.docker.DockerDaemonExtension;
import dev.stagefarm.agent.docker.ImageFiles;
import dev.stagefarm.agent.docker.TestDocker;
import dev.stagefarm.artifactstore.ArtifactManifest;
import dev.stagefarm.artifactstore.ArtifactUpload;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.objectstore.S3ObjectStore;
import dev.stagefarm.objectstore.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Slow: artifacts and images between stages through a real S3-compatible server (S3Proxy in the JVM). */
@ExtendWith(DockerDaemonExtension.class)
class ArtifactTransferTest {

    @Test
    void exportedPathsComeBackVerifiedAndFeedCopyFrom(TestDocker docker, @TempDir Path work) throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(); S3ObjectStore store = s3.newStore()) {
            StageResult builder = StageFixture.build(docker,
                    run("mkdir -p /app/dist/js && echo bundle > /app/dist/js/app.js && chmod 750 /app/dist/js/app.js"
                            + " && chown 1000:50 /app/dist/js/app.js && echo readme > /app/README"));
            ArtifactManifest manifest;
            try (StageSession session = new StageSession(docker.engine(), "export-test", work.resolve("tmp"), false)) {
                manifest = new ArtifactExport(session, store).exportFiles(builder.imageId(),
                        List.of("/app/dist", "/app/README"), "artifacts/k1/files.tar", "artifacts/k1/manifest.json");
            }
            assertThat(manifest.digest()).startsWith("sha256:");
            assertThat(store.stat("artifacts/k1/files.tar").orElseThrow().size()).isEqualTo(manifest.size());

            Path root = new ArtifactImport(store).importFiles("artifacts/k1/files.tar", "artifacts/k1/manifest.json",
                    work.resolve("builder-files"));
            assertThat(Files.readString(root.resolve("app/dist/js/app.js"))).isEqualTo("bundle\n");
            assertThat(Files.getAttribute(root.resolve("app/dist/js/app.js"), "unix:uid")).isEqualTo(1000);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("app/dist/js/app.js"))))
                    .isEqualTo("rwxr-x---");

            StageResult web = StageFixture.executor(docker).execute(new StageWork("web",
                    new BaseImage.Reference("busybox:latest"), List.of(copyFrom("builder", "/www", "/app/dist"))),
                    new StageInputs(null, Map.of("builder", root), Map.of()), StageListener.NONE);
            assertThat(ImageFiles.read(docker.engine(), web.imageId(), "/www/js/app.js").get("/www/js/app.js"))
                    .isEqualTo(new ImageFiles.Fact('f', 0750, 1000, 50, "bundle\n"));
        }
    }

    @Test
    void largeExportIsStoredAsChunksWithoutAWholeObjectAndComesBackWhole(TestDocker docker, @TempDir Path work)
            throws Exception {
        long size = 2L * ArtifactUpload.DEFAULT_CHUNK_SIZE + 12345;
        StageResult builder = StageFixture.build(docker,
                run("mkdir /out && head -c " + size + " /dev/urandom > /out/blob && sha256sum /out/blob | cut -d' ' -f1 > /sum"));
        String expected = ImageFiles.text(docker.engine(), builder.imageId(), "/sum");
        try (S3ProxyServer s3 = S3ProxyServer.start(); S3ObjectStore store = s3.newStore()) {
            ArtifactManifest manifest;
            try (StageSession session = new StageSession(docker.engine(), "export-large", work.resolve("tmp"), false)) {
                manifest = new ArtifactExport(session, store).exportFiles(builder.imageId(), List.of("/out"),
                        "artifacts/k2/files.tar", "artifacts/k2/manifest.json");
            }
            assertThat(manifest.chunks()).hasSize(3);
            assertThat(manifest.chunks()).allSatisfy(c -> assertThat(store.stat(c.key()).orElseThrow().size()).isEqualTo(c.size()));
            assertThat(store.stat("artifacts/k2/files.tar")).isEmpty();

            Path root = new ArtifactImport(store).importFiles("artifacts/k2/files.tar", "artifacts/k2/manifest.json",
                    work.resolve("builder-files"));
            assertThat(Digest.of(Files.readAllBytes(root.resolve("out/blob"))).hex()).isEqualTo(expected.strip());
        }
    }
}
