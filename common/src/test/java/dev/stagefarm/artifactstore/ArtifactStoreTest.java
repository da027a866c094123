package dev.stagefarm.artifactstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.digest.Digest;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.S3ObjectStore;
import dev.stagefarm.objectstore.S3ProxyExtension;
import dev.stagefarm.protocol.ObjectKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Artifacts stored as one object or as chunks, read back verified, on a real S3-compatible server (S3Proxy). */
class ArtifactStoreTest {
    private static final int CHUNK = 64 * 1024;
    private static final List<String> PATHS = List.of("/out");

    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();

    private static S3ObjectStore store;

    @BeforeAll
    static void openStore() {
        store = S3.newStore();
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    private static String artifactKey(String name) {
        return ObjectKeys.artifact(name, PATHS);
    }

    private static ArtifactManifest upload(String name, byte[] content) throws IOException {
        return new ArtifactUpload(store, CHUNK).store(artifactKey(name), ObjectKeys.manifestOf(artifactKey(name)), PATHS,
                new ByteArrayInputStream(content));
    }

    private static byte[] download(String name) throws IOException {
        ArtifactDownload download = new ArtifactDownload(store);
        ArtifactManifest manifest = download.manifest(ObjectKeys.manifestOf(artifactKey(name)));
        try (InputStream in = download.open(artifactKey(name), manifest)) {
            return in.readAllBytes();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The objects this bucket's server holds under the artifact's folder, as keys. */
    private static List<String> storedUnder(String name) throws IOException {
        String folder = artifactKey(name).substring(0, artifactKey(name).lastIndexOf('/') + 1);
        Path bucket = S3.server().dataDir().resolve(S3.config().bucket());
        Path root = bucket.resolve(folder);
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> bucket.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void artifactThatFitsInOneChunkIsOneObjectUnderTheArtifactKey() throws IOException {
        byte[] content = random(CHUNK - 1, 1);

        ArtifactManifest manifest = upload("small", content);

        assertThat(manifest.chunked()).isFalse();
        assertThat(manifest.size()).isEqualTo(content.length);
        assertThat(manifest.digest()).isEqualTo(Digest.of(content).toString());
        assertThat(store.stat(artifactKey("small")).orElseThrow().size()).isEqualTo(content.length);
        assertThat(download("small")).isEqualTo(content);
    }

    @Test
    void largeArtifactIsChunksOfKnownLengthListedInTheManifestAndReadsBackWhole() throws IOException {
        byte[] content = random(3 * CHUNK + 17, 2);

        ArtifactManifest manifest = upload("large", content);

        assertThat(manifest.chunks()).extracting(ArtifactManifest.Chunk::size).containsExactly(
                (long) CHUNK, (long) CHUNK, (long) CHUNK, 17L);
        assertThat(manifest.chunks().get(1).digest())
                .isEqualTo(Digest.of(Arrays.copyOfRange(content, CHUNK, 2 * CHUNK)).toString());
        assertThat(manifest.digest()).isEqualTo(Digest.of(content).toString());
        assertThat(manifest.size()).isEqualTo(content.length);
        assertThat(store.stat(artifactKey("large"))).isEmpty();
        assertThat(download("large")).isEqualTo(content);
        assertThat(new ArtifactDownload(store).manifest(ObjectKeys.manifestOf(artifactKey("large")))).isEqualTo(manifest);
    }

    @Test
    void missingChunkIsACorruptArtifactNamingTheChunk() throws IOException {
        ArtifactManifest manifest = upload("missing", random(2 * CHUNK + 5, 3));
        String lost = manifest.chunks().get(1).key();
        store.delete(lost);

        assertThatThrownBy(() -> download("missing")).isInstanceOfSatisfying(StagefarmException.class, e -> {
            assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
            assertThat(e.code().retriable()).isTrue();
            assertThat(e.subject()).isEqualTo(lost);
        });
    }

    @ParameterizedTest(name = "read ahead: {0}")
    @ValueSource(booleans = {true, false})
    void bytesBeforeAFailedChunkAreReadFirstWhetherChunksAreReadAheadOrStreamed(boolean readAhead) throws IOException {
        String name = "order-" + readAhead;
        byte[] content = random(3 * CHUNK + 1, 7);
        ArtifactManifest manifest = upload(name, content);
        String lost = manifest.chunks().get(2).key();
        store.delete(lost);
        ArtifactDownload download = new ArtifactDownload(store, readAhead ? ChunkReadAhead.MAX_CHUNK : 0);

        try (InputStream in = download.open(artifactKey(name), manifest)) {
            assertThat(in.readNBytes(2 * CHUNK)).isEqualTo(Arrays.copyOf(content, 2 * CHUNK));
            assertThatThrownBy(in::read).isInstanceOfSatisfying(StagefarmException.class, e -> {
                assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
                assertThat(e.subject()).isEqualTo(lost);
            });
        }
    }

    @ParameterizedTest(name = "read ahead: {0}")
    @ValueSource(booleans = {true, false})
    void chunkedArtifactReadsBackWholeWhetherChunksAreReadAheadOrStreamed(boolean readAhead) throws IOException {
        String name = "whole-" + readAhead;
        byte[] content = random(4 * CHUNK + 3, 8);
        ArtifactManifest manifest = upload(name, content);
        ArtifactDownload download = new ArtifactDownload(store, readAhead ? ChunkReadAhead.MAX_CHUNK : 0);

        try (InputStream in = download.open(artifactKey(name), manifest)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void truncatedChunkIsACorruptArtifactNamingTheChunk() throws IOException {
        byte[] content = random(2 * CHUNK + 5, 4);
        ArtifactManifest manifest = upload("cut", content);
        String cut = manifest.chunks().get(0).key();
        store.put(cut, new ByteArrayInputStream(content, 0, CHUNK / 2), CHUNK / 2);

        assertThatThrownBy(() -> download("cut")).isInstanceOfSatisfying(StagefarmException.class, e -> {
            assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
            assertThat(e.subject()).isEqualTo(cut);
        });
    }

    @Test
    void alteredChunkOfTheSameSizeIsACorruptArtifact() throws IOException {
        ArtifactManifest manifest = upload("altered", random(2 * CHUNK + 5, 5));
        String last = manifest.chunks().get(2).key();
        store.put(last, new ByteArrayInputStream(new byte[5]), 5);

        assertThatThrownBy(() -> download("altered")).isInstanceOfSatisfying(StagefarmException.class, e -> {
            assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
            assertThat(e.subject()).isEqualTo(last);
        });
    }

    @Test
    void sourceFailingAfterSomeChunksLeavesNoChunkAndNoManifest() throws IOException {
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(random(5 * CHUNK, 6)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the daemon went away");
            }
        });

        assertThatThrownBy(() -> new ArtifactUpload(store, CHUNK).store(artifactKey("failing"),
                ObjectKeys.manifestOf(artifactKey("failing")), PATHS, failing))
                .isInstanceOf(IOException.class).hasMessage("the daemon went away");
        assertThat(storedUnder("failing")).isEmpty();
    }

    @Test
    void storingAgainReplacesTheManifestAndRemovesTheChunksItReplaced() throws IOException {
        ArtifactManifest first = upload("again", random(2 * CHUNK + 1, 7));
        byte[] second = random(3 * CHUNK + 1, 8);

        ArtifactManifest replacing = upload("again", second);

        assertThat(download("again")).isEqualTo(second);
        for (ArtifactManifest.Chunk old : first.chunks()) {
            assertThat(store.stat(old.key())).isEmpty();
        }
        assertThat(storedUnder("again")).hasSize(replacing.chunks().size() + 1);
    }

    @Test
    void manifestWhoseChunksDoNotAddUpToItsSizeIsCorrupt() throws IOException {
        ArtifactManifest manifest = upload("sum", random(2 * CHUNK + 3, 9));
        byte[] lying = new ArtifactManifest(PATHS, manifest.digest(), manifest.size() + 1, manifest.chunks()).toJson();
        String manifestKey = ObjectKeys.manifestOf(artifactKey("sum"));
        store.put(manifestKey, new ByteArrayInputStream(lying), lying.length);

        assertThatThrownBy(() -> download("sum")).isInstanceOfSatisfying(StagefarmException.class, e -> {
            assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
            assertThat(e.subject()).isEqualTo(manifestKey);
        });
    }
}
