package dev.stagefarm.agent.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagefarm.artifactstore.ArtifactManifest;
import dev.stagefarm.artifactstore.ArtifactUpload;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.S3ObjectStore;
import dev.stagefarm.objectstore.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import side of artifacts alone (no daemon): S3Proxy in this JVM, tars made here. */
class ArtifactImportTest {

    private static S3ProxyServer s3;
    private static S3ObjectStore store;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.start();
        store = s3.newStore();
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        s3.close();
    }

    /** A tar of a folder, a file of several read-ahead blocks (1 MiB each) and a small file with its own owner. */
    private static byte[] artifact(byte[] large) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry dir = new TarArchiveEntry("app/");
            dir.setMode(040750);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            TarArchiveEntry blob = new TarArchiveEntry("app/blob");
            blob.setSize(large.length);
            blob.setMode(0100640);
            tar.putArchiveEntry(blob);
            tar.write(large);
            tar.closeArchiveEntry();
            byte[] text = "owned\n".getBytes();
            TarArchiveEntry owned = new TarArchiveEntry("app/owned");
            owned.setSize(text.length);
            owned.setIds(1000, 50);
            tar.putArchiveEntry(owned);
            tar.write(text);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static void store(String key, byte[] tar, int storedLength, String digest) throws IOException {
        store.put(key + "/files.tar", new ByteArrayInputStream(tar, 0, storedLength), storedLength);
        byte[] manifest = new ObjectMapper().writeValueAsBytes(
                new ArtifactManifest(List.of("/app"), digest, tar.length));
        store.put(key + "/manifest.json", new ByteArrayInputStream(manifest), manifest.length);
    }

    @Test
    void filesSpanningSeveralReadAheadBlocksArriveWholeWithModesAndOwners() throws Exception {
        byte[] large = new byte[(3 << 20) + 12345];
        new Random(3).nextBytes(large);
        byte[] tar = artifact(large);
        store("whole", tar, tar.length, Digest.of(tar).toString());

        Path root = new ArtifactImport(store).importFiles("whole/files.tar", "whole/manifest.json", work.resolve("in"));

        assertThat(Files.readAllBytes(root.resolve("app/blob"))).isEqualTo(large);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("app/blob"))))
                .isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("app"))))
                .isEqualTo("rwxr-x---");
        assertThat(Files.getAttribute(root.resolve("app/owned"), "unix:uid")).isEqualTo(1000);
        assertThat(Files.getAttribute(root.resolve("app/owned"), "unix:gid")).isEqualTo(50);
        assertThat(Files.getAttribute(root.resolve("app/blob"), "unix:uid")).isEqualTo(0);
    }

    @Test
    void truncatedObjectIsCorruptUnderItsKeyAndLeavesNothing() throws Exception {
        byte[] large = new byte[(2 << 20) + 7];
        new Random(4).nextBytes(large);
        byte[] tar = artifact(large);
        store("cut", tar, tar.length / 2, Digest.of(tar).toString());

        assertThatThrownBy(() -> new ArtifactImport(store).importFiles("cut/files.tar", "cut/manifest.json", work.resolve("in")))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
                    assertThat(e.subject()).isEqualTo("cut/files.tar");
                });
        assertThat(work.resolve("in")).doesNotExist();
    }

    @Test
    void digestMismatchFoundAfterTheLastEntryRemovesTheExtractedFiles() throws Exception {
        byte[] tar = artifact(new byte[100]);
        store("other", tar, tar.length, Digest.of("other bytes".getBytes()).toString());

        assertThatThrownBy(() -> new ArtifactImport(store).importFiles("other/files.tar", "other/manifest.json", work.resolve("in")))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
                    assertThat(e.subject()).isEqualTo("other/files.tar");
                });
        assertThat(work.resolve("in")).doesNotExist();
    }

    /** Stores {@code tar} as an export does, in chunks of 1 MiB. */
    private static ArtifactManifest storeChunked(String key, byte[] tar) throws IOException {
        return new ArtifactUpload(store, 1 << 20).store(key + "/files.tar", key + "/manifest.json", List.of("/app"),
                new ByteArrayInputStream(tar));
    }

    @Test
    void chunkedArtifactArrivesWholeWithModesAndOwners() throws Exception {
        byte[] large = new byte[(3 << 20) + 4321];
        new Random(5).nextBytes(large);
        ArtifactManifest manifest = storeChunked("chunked", artifact(large));

        Path root = new ArtifactImport(store).importFiles("chunked/files.tar", "chunked/manifest.json", work.resolve("in"));

        assertThat(manifest.chunks()).hasSize(4);
        assertThat(Files.readAllBytes(root.resolve("app/blob"))).isEqualTo(large);
        assertThat(Files.getAttribute(root.resolve("app/owned"), "unix:uid")).isEqualTo(1000);
    }

    @Test
    void missingChunkIsCorruptUnderTheChunksKeyAndLeavesNothing() throws Exception {
        byte[] large = new byte[(3 << 20) + 99];
        new Random(6).nextBytes(large);
        String lost = storeChunked("lost", artifact(large)).chunks().get(2).key();
        store.delete(lost);

        assertThatThrownBy(() -> new ArtifactImport(store).importFiles("lost/files.tar", "lost/manifest.json", work.resolve("in")))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
                    assertThat(e.code().retriable()).isTrue();
                    assertThat(e.subject()).isEqualTo(lost);
                });
        assertThat(work.resolve("in")).doesNotExist();
    }

    @Test
    void truncatedChunkIsCorruptUnderTheChunksKeyAndLeavesNothing() throws Exception {
        byte[] large = new byte[(3 << 20) + 99];
        new Random(7).nextBytes(large);
        byte[] tar = artifact(large);
        String cut = storeChunked("cutchunk", tar).chunks().get(1).key();
        store.put(cut, new ByteArrayInputStream(tar, 1 << 20, 1000), 1000);

        assertThatThrownBy(() -> new ArtifactImport(store).importFiles("cutchunk/files.tar", "cutchunk/manifest.json",
                work.resolve("in"))).isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
                    assertThat(e.subject()).isEqualTo(cut);
                });
        assertThat(work.resolve("in")).doesNotExist();
    }
}
