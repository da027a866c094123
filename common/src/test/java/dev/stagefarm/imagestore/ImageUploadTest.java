package dev.stagefarm.imagestore;

import static dev.stagefarm.imagestore.SavedImageFixture.config;
import static dev.stagefarm.imagestore.SavedImageFixture.layer;
import static dev.stagefarm.imagestore.SavedImageFixture.save;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagefarm.archive.TarFiles;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.S3ObjectStore;
import dev.stagefarm.objectstore.S3ProxyExtension;
import dev.stagefarm.protocol.ObjectKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Images through a real S3-compatible server (S3Proxy): stored as shared layer blobs, put back together. */
class ImageUploadTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIB = 1 << 20;

    private static S3ObjectStore store;
    private static S3Client s3;

    @TempDir
    Path scratch;

    @BeforeAll
    static void open() {
        store = S3.newStore();
        s3 = S3ObjectStore.newClient(S3.config());
    }

    @AfterAll
    static void close() {
        store.close();
        s3.close();
    }

    @Test
    void twoImagesOnOneBaseStoreTheBaseLayersOnce() throws Exception {
        byte[] base1 = layer("base/one", 2 * MIB, 1);
        byte[] base2 = layer("base/two", 3 * MIB, 2);
        byte[] app = layer("app/a", 4000, 3);
        byte[] web = layer("web/w", 9000, 4);
        List<byte[]> first = List.of(base1, base2, app);
        List<byte[]> second = List.of(base1, base2, web);
        Map<String, Long> before = blobs();

        ImageUpload.Stored a = upload(first, "a:1", "images/shared-a.json");
        ImageUpload.Stored b = upload(second, "b:1", "images/shared-b.json");

        Map<String, Long> added = blobs();
        before.keySet().forEach(added::remove);
        long layerBytes = base1.length + base2.length + app.length + web.length;
        assertThat(added).as("four distinct layers and two configs").hasSize(6);
        assertThat(added.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(layerBytes + a.record().config().size() + b.record().config().size());
        assertThat(a.uploadedBytes()).isEqualTo(base1.length + base2.length + app.length);
        assertThat(b.uploadedBytes()).as("only the layer the first image lacks").isEqualTo(web.length);
        assertThat(b.record().layers()).extracting(BlobRef::digest)
                .containsExactly(Digest.of(base1), Digest.of(base2), Digest.of(web));
    }

    @Test
    void storedImageComesBackAsTheSameArchive() throws Exception {
        byte[] base = layer("base/file", 2 * MIB, 11);
        byte[] top = layer("top/file", 700, 12);
        byte[] config = config(List.of(base, top), "round-trip");

        ImageUpload.Stored stored = upload(List.of(base, top), config, "app:round", "images/round.json");
        Map<String, byte[]> archive = TarFiles.read(new ImageArchive(store).open("images/round.json").readAllBytes());

        String configName = Digest.of(config).hex() + ".json";
        assertThat(stored.record().imageId()).isEqualTo(Digest.of(config));
        assertThat(archive.get(configName)).isEqualTo(config);
        JsonNode manifest = JSON.readTree(archive.get("manifest.json")).get(0);
        assertThat(manifest.path("Config").asText()).isEqualTo(configName);
        assertThat(manifest.path("RepoTags").get(0).asText()).isEqualTo("app:round");
        assertThat(archive.get(manifest.path("Layers").get(0).asText())).isEqualTo(base);
        assertThat(archive.get(manifest.path("Layers").get(1).asText())).isEqualTo(top);
    }

    @Test
    void aRepeatedLayerIsOneBlobListedTwice() throws Exception {
        byte[] base = layer("base/file", 5000, 21);
        byte[] empty = layer("empty", 0, 22);
        ImageUpload.Stored stored = upload(List.of(base, empty, empty), "app:repeat", "images/repeat.json");

        assertThat(stored.record().layers()).extracting(BlobRef::digest)
                .containsExactly(Digest.of(base), Digest.of(empty), Digest.of(empty));
        JsonNode manifest = JSON.readTree(TarFiles.read(new ImageArchive(store).open("images/repeat.json").readAllBytes())
                .get("manifest.json")).get(0);
        assertThat(manifest.path("Layers").get(1).asText()).isEqualTo(manifest.path("Layers").get(2).asText());
    }

    @Test
    void aNewLayerOfAStoredLayersSizeIsStoredAfterAScanWithoutShortcut() throws Exception {
        byte[] stored = layer("same/file", 2 * MIB, 31);
        byte[] sameSize = layer("same/file", 2 * MIB, 32);
        upload(List.of(stored), "old:1", "images/collision-old.json");
        AtomicInteger saves = new AtomicInteger();
        byte[] config = config(List.of(stored, sameSize), "collision");
        byte[] saved = save(List.of(stored, sameSize), config, "new:1");

        ImageUpload.Stored result = new ImageUpload(store, scratch).store(() -> {
            saves.incrementAndGet();
            return new ByteArrayInputStream(saved);
        }, List.of(Digest.of(stored), Digest.of(sameSize)), "images/collision-new.json");

        assertThat(saves).as("the first scan stopped at the collision").hasValue(2);
        assertThat(result.uploadedBytes()).isEqualTo(sameSize.length);
        assertThat(store.stat(ObjectKeys.blob(Digest.of(sameSize)))).isPresent();
        assertThat(TarFiles.read(new ImageArchive(store).open("images/collision-new.json").readAllBytes()).values())
                .as("the new layer's bytes").anyMatch(bytes -> java.util.Arrays.equals(bytes, sameSize));
    }

    @Test
    void aLayerThatIsNotTheConfigsDiffIdStoresNoRecord() throws Exception {
        byte[] real = layer("real", 3000, 41);
        byte[] claimed = layer("claimed", 3000, 42);
        byte[] saved = save(List.of(real), config(List.of(claimed), "lie"), "lie:1");

        StagefarmException e = catchThrowableOfType(() -> new ImageUpload(store, scratch)
                .store(() -> new ByteArrayInputStream(saved), List.of(), "images/lie.json"), StagefarmException.class);

        assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
        assertThat(e.getMessage()).contains(Digest.of(real).toString()).contains(Digest.of(claimed).toString());
        assertThat(store.stat("images/lie.json")).isEmpty();
    }

    @Test
    void aCorruptBlobFailsTheArchiveNamingItsKey() throws Exception {
        byte[] base = layer("base/file", 6000, 51);
        byte[] top = layer("top/file", 6000, 52);
        upload(List.of(base, top), "app:corrupt", "images/corrupt.json");
        String key = ObjectKeys.blob(Digest.of(top));
        store.put(key, new ByteArrayInputStream(layer("top/file", 6000, 53)), top.length);

        StagefarmException e = catchThrowableOfType(
                () -> new ImageArchive(store).open("images/corrupt.json").readAllBytes(), StagefarmException.class);

        assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
        assertThat(e.subject()).isEqualTo(key);
    }

    @Test
    void aMissingBlobFailsTheArchiveNamingItsKey() throws Exception {
        byte[] base = layer("base/file", 6000, 61);
        byte[] top = layer("top/file", 7000, 62);
        upload(List.of(base, top), "app:missing", "images/missing.json");
        String key = ObjectKeys.blob(Digest.of(top));
        store.delete(key);

        StagefarmException e = catchThrowableOfType(() -> new ImageArchive(store).write(
                new ImageArchive(store).record("images/missing.json"), new ByteArrayOutputStream()),
                StagefarmException.class);

        assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
        assertThat(e.subject()).isEqualTo(key);
        assertThat(e.getMessage()).contains("missing");
    }

    @Test
    void aMissingRecordIsAStoreFailureNamingTheKey() {
        StagefarmException e = catchThrowableOfType(() -> new ImageArchive(store).open("images/never.json"),
                StagefarmException.class);

        assertThat(e.code()).isEqualTo(FailureCode.OBJECT_STORE);
        assertThat(e.subject()).isEqualTo("images/never.json");
    }

    @Test
    void spooledLayersLeaveNoScratchFiles() throws Exception {
        upload(List.of(layer("a", 4000, 71), layer("b", 2 * MIB, 72)), "app:scratch", "images/scratch.json");

        try (var files = Files.list(scratch)) {
            assertThat(files).isEmpty();
        }
    }

    private ImageUpload.Stored upload(List<byte[]> layers, String tag, String key) throws IOException {
        return upload(layers, config(layers, tag), tag, key);
    }

    private ImageUpload.Stored upload(List<byte[]> layers, byte[] config, String tag, String key) throws IOException {
        byte[] saved = save(layers, config, tag);
        return new ImageUpload(store, scratch).store(() -> new ByteArrayInputStream(saved),
                layers.stream().map(Digest::of).toList(), key);
    }

    /** Every blob in the bucket with its size. */
    private static Map<String, Long> blobs() {
        Map<String, Long> blobs = new HashMap<>();
        s3.listObjectsV2Paginator(b -> b.bucket(S3.config().bucket()).prefix("blobs/")).contents()
                .forEach((S3Object o) -> blobs.put(o.key(), o.size()));
        return blobs;
    }
}
