package dev.stagefarm.agent.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stagefarm.agent.docker.DockerDaemonExtension;
import dev.stagefarm.agent.docker.DockerEngine;
import dev.stagefarm.agent.docker.ImageFiles;
import dev.stagefarm.agent.docker.TestDocker;
import dev.stagefarm.agent.exec.LogListener;
import dev.stagefarm.agent.executor.StageSession;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.imagestore.BlobRef;
import dev.stagefarm.imagestore.ImageArchive;
import dev.stagefarm.imagestore.ImageRecord;
import dev.stagefarm.objectstore.S3ObjectStore;
import dev.stagefarm.objectstore.S3ProxyServer;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.ObjectKeys;
import dev.stagefarm.protocol.ProtocolVersion;
import dev.stagefarm.protocol.StageDefinition;
import dev.stagefarm.protocol.StageInput;
import dev.stagefarm.protocol.StageJob;
import dev.stagefarm.protocol.StageOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Slow: stage images from a real Docker daemon through a real S3-compatible server (S3Proxy),
 * stored as shared layer blobs by {@link ExportOutputs} and loaded back by {@link FetchInputs}.
 */
@ExtendWith(DockerDaemonExtension.class)
class StageImageStoreTest {

    @Test
    void twoStageImagesOnOneBaseStoreTheBaseLayerOnce(TestDocker docker, @TempDir Path work) throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(); S3ObjectStore store = s3.newStore();
                S3Client client = S3ObjectStore.newClient(store.config())) {
            String first = layerOn(docker.engine(), docker.busybox(), "/first.txt", "first\n");
            String second = layerOn(docker.engine(), docker.busybox(), "/second.txt", "second\n");

            ExportOutputs.Stored a = export(docker, store, work, first, "key-first");
            ExportOutputs.Stored b = export(docker, store, work, second, "key-second");

            ImageRecord recordA = new ImageArchive(store).record(ObjectKeys.image("key-first"));
            ImageRecord recordB = new ImageArchive(store).record(ObjectKeys.image("key-second"));
            BlobRef base = recordA.layers().get(0);
            assertThat(recordB.layers().get(0)).isEqualTo(base);
            Map<String, Long> blobs = blobs(client, store.config().bucket());
            assertThat(blobs).as("the base layer, two top layers, two configs").hasSize(5);
            assertThat(blobs.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(base.size()
                    + recordA.layers().get(1).size() + recordB.layers().get(1).size()
                    + recordA.config().size() + recordB.config().size());
            assertThat(b.uploaded()).as("the second image sends its own layer and record only")
                    .isLessThan(base.size()).isGreaterThanOrEqualTo(recordB.layers().get(1).size());
            assertThat(a.imageId()).isEqualTo(recordA.imageId().toString());
        }
    }

    @Test
    void storedStageImageLoadsBackWithTheSameIdAndFiles(TestDocker docker, @TempDir Path work) throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(); S3ObjectStore store = s3.newStore()) {
            String image = layerOn(docker.engine(), docker.busybox(), "/app/hello.txt", "hello from the store\n");
            ExportOutputs.Stored stored = export(docker, store, work, image, "key-round");
            forget(docker.engine(), "key-round", image);

            fetch(docker, store, work, "key-round");

            String tag = FetchInputs.imageTag("key-round");
            assertThat(docker.engine().images().imageId(tag)).contains(image);
            assertThat(stored.imageId()).isEqualTo(image);
            assertThat(ImageFiles.text(docker.engine(), tag, "/app/hello.txt")).isEqualTo("hello from the store\n");
            assertThat(ImageFiles.read(docker.engine(), tag, "/bin/busybox")).isNotEmpty();
        }
    }

    @Test
    void aCorruptLayerBlobFailsTheLoadNamingItsKey(TestDocker docker, @TempDir Path work) throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(); S3ObjectStore store = s3.newStore()) {
            String image = layerOn(docker.engine(), docker.busybox(), "/data.bin", "x".repeat(5000));
            export(docker, store, work, image, "key-corrupt");
            forget(docker.engine(), "key-corrupt", image);
            BlobRef top = new ImageArchive(store).record(ObjectKeys.image("key-corrupt")).layers().get(1);
            byte[] other = new byte[(int) top.size()];
            new Random(7).nextBytes(other);
            store.put(ObjectKeys.blob(top.digest()), new ByteArrayInputStream(other), other.length);

            StagefarmException e = catchThrowableOfType(() -> fetch(docker, store, work, "key-corrupt"),
                    StagefarmException.class);

            assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
            assertThat(e.subject()).isEqualTo(ObjectKeys.blob(top.digest()));
            assertThat(docker.engine().images().imageId(FetchInputs.imageTag("key-corrupt"))).isEmpty();
        }
    }

    @Test
    void aMissingLayerBlobFailsTheLoadNamingItsKey(TestDocker docker, @TempDir Path work) throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(); S3ObjectStore store = s3.newStore()) {
            String image = layerOn(docker.engine(), docker.busybox(), "/gone.txt", "gone\n");
            export(docker, store, work, image, "key-missing");
            forget(docker.engine(), "key-missing", image);
            BlobRef top = new ImageArchive(store).record(ObjectKeys.image("key-missing")).layers().get(1);
            store.delete(ObjectKeys.blob(top.digest()));

            StagefarmException e = catchThrowableOfType(() -> fetch(docker, store, work, "key-missing"),
                    StagefarmException.class);

            assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
            assertThat(e.subject()).isEqualTo(ObjectKeys.blob(top.digest()));
            assertThat(e.getMessage()).contains("missing");
        }
    }

    /** A new image: {@code base} with one layer holding {@code path}. */
    private static String layerOn(DockerEngine engine, String base, String path, String content) throws IOException {
        String container = engine.containers().createIdle("image-store-test-" + System.nanoTime(), base,
                ImageConfig.empty());
        try {
            engine.containers().copyInto(container, "/", new ByteArrayInputStream(tarOf(path.substring(1), content)));
            return engine.containers().commit(container, engine.images().imageConfig(base));
        } finally {
            engine.containers().removeContainer(container);
        }
    }

    private static ExportOutputs.Stored export(TestDocker docker, S3ObjectStore store, Path work, String image,
            String cacheKey) throws IOException {
        try (StageSession session = new StageSession(docker.engine(), "store-" + cacheKey, work.resolve("tmp"),
                false)) {
            StageJob job = job(cacheKey, List.of(), List.of(new StageOutput(ArtifactKind.IMAGE, List.of(),
                    ObjectKeys.image(cacheKey), null, List.of())));
            return new ExportOutputs(store).export(job, cacheKey, image, session, LogListener.NONE).get(0);
        }
    }

    /** Removes the stage tag and so the image: the daemon must load it from the store again. */
    private static void forget(DockerEngine engine, String cacheKey, String image) {
        engine.images().removeImage(FetchInputs.imageTag(cacheKey));
        assertThat(engine.images().imageId(image)).isEmpty();
    }

    private static void fetch(TestDocker docker, S3ObjectStore store, Path work, String cacheKey) throws IOException {
        StageJob job = job("child-of-" + cacheKey, List.of(new StageInput(0, "parent", ArtifactKind.IMAGE, cacheKey,
                ObjectKeys.image(cacheKey), List.of())), List.of());
        try (JobWorkspace workspace = JobWorkspace.create(work, "fetch")) {
            new FetchInputs(store, docker.engine()).fetch(job, workspace.context(), workspace, bytes -> { });
        }
    }

    private static StageJob job(String cacheKey, List<StageInput> inputs, List<StageOutput> outputs) {
        return new StageJob(ProtocolVersion.CURRENT, "build-1", "run-" + cacheKey, 1,
                new StageDefinition(1, "app", "Dockerfile", null, Map.of(), List.of()), "00", "contexts/sha256/00",
                inputs, outputs, cacheKey, "linux/amd64", false, null);
    }

    private static Map<String, Long> blobs(S3Client client, String bucket) {
        Map<String, Long> blobs = new HashMap<>();
        client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("blobs/")).contents()
                .forEach(o -> blobs.put(o.key(), o.size()));
        return blobs;
    }

    private static byte[] tarOf(String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(bytes.length);
            tar.putArchiveEntry(entry);
            tar.write(bytes);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }
}
