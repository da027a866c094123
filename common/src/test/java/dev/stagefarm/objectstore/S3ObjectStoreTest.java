package dev.stagefarm.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.digest.Digest;
import dev.stagefarm.digest.DigestingInputStream;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against a real S3-compatible server (S3Proxy in the test JVM). */
class S3ObjectStoreTest {
    private static final int PART = 5 * 1024 * 1024;

    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();

    private static S3ObjectStore store;

    @BeforeAll
    static void openStore() {
        store = new S3ObjectStore(S3.config().withPartSize(PART));
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @Test
    void roundTripsKnownLengthStream() throws IOException {
        byte[] content = "hello, farm".getBytes(StandardCharsets.UTF_8);

        StoredObject stored = store.put("logs/b1/s1.log", new ByteArrayInputStream(content), content.length);

        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(readAll(store.get("logs/b1/s1.log"))).isEqualTo(content);
        assertThat(store.stat("logs/b1/s1.log")).get().extracting(StoredObject::size).isEqualTo((long) content.length);
    }

    @Test
    void readingAgainAfterTheEndGivesTheEndAgain() throws IOException {
        byte[] content = "a context tar and its padding".getBytes(StandardCharsets.UTF_8);
        store.put("contexts/again", new ByteArrayInputStream(content), content.length);

        try (InputStream in = store.get("contexts/again").orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.read(new byte[16], 0, 16)).isEqualTo(-1);
        }
    }

    @Test
    void uploadsUnknownLengthInPartsAndReadsItBack() throws IOException {
        long size = 3L * PART + 12345;
        Digest expected = digestOf(size, 7);

        StoredObject stored = store.put("artifacts/k/multi.tar", new GeneratedStream(size, 7), -1);

        assertThat(stored.size()).isEqualTo(size);
        assertThat(store.stat("artifacts/k/multi.tar")).get().extracting(StoredObject::size).isEqualTo(size);
        try (DigestingInputStream in = new DigestingInputStream(store.get("artifacts/k/multi.tar").orElseThrow())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(in.count()).isEqualTo(size);
            assertThat(in.digest()).isEqualTo(expected);
        }
    }

    @Test
    void storesShortUnknownLengthStreamWithOnePut() throws IOException {
        StoredObject stored = store.put("small", new ByteArrayInputStream(new byte[] {1, 2, 3}), -1);

        assertThat(stored.size()).isEqualTo(3);
        assertThat(readAll(store.get("small"))).containsExactly(1, 2, 3);
    }

    @Test
    void reportsMissingKeyAsEmpty() throws IOException {
        assertThat(store.get("no/such/key")).isEmpty();
        assertThat(store.stat("no/such/key")).isEmpty();
        store.delete("no/such/key");
    }

    @Test
    void deletesObject() throws IOException {
        store.put("to-delete", new ByteArrayInputStream(new byte[10]), 10);

        store.delete("to-delete");

        assertThat(store.stat("to-delete")).isEmpty();
    }

    @Test
    void verifiedPutStoresMatchingContent() throws IOException {
        long size = 2L * PART + 1;
        Digest digest = digestOf(size, 3);

        store.putVerified("contexts/sha256/" + digest.hex(), new GeneratedStream(size, 3), size, digest);

        try (InputStream in = store.getVerified("contexts/sha256/" + digest.hex(), digest, size).orElseThrow()) {
            assertThat(in.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(size);
        }
    }

    @Test
    void digestMismatchInMultipartUploadLeavesNothingBehind() {
        long size = 2L * PART + 1;
        Digest claimed = digestOf(size, 1);
        String key = "contexts/sha256/" + claimed.hex();

        assertThatThrownBy(() -> store.putVerified(key, new GeneratedStream(size, 2), size, claimed))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
                    assertThat(e.subject()).isEqualTo(key);
                });

        assertThat(store.stat(key)).isEmpty();
        assertThat(pendingUploads()).isZero();
    }

    @Test
    void digestMismatchInSmallUploadLeavesNothingBehind() {
        Digest claimed = Digest.of("other".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> store.putVerified("small-bad", new ByteArrayInputStream(new byte[] {1}), 1, claimed))
                .isInstanceOfSatisfying(StagefarmException.class,
                        e -> assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT));

        assertThat(store.stat("small-bad")).isEmpty();
    }

    @Test
    void shorterStreamThanDeclaredLeavesNothingBehind() {
        long size = PART + 10;
        Digest digest = digestOf(size - 5, 4);

        assertThatThrownBy(() -> store.putVerified("short", new GeneratedStream(size - 5, 4), size, digest))
                .isInstanceOfSatisfying(StagefarmException.class,
                        e -> assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT));
        assertThat(store.stat("short")).isEmpty();
        assertThat(pendingUploads()).isZero();
    }

    @Test
    void failingSourceStreamIsCallersIoErrorAndStoresNothing() {
        InputStream failing = new InputStream() {
            private int left = PART + 100;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("disk went away");
                }
                return 0;
            }
        };

        assertThatThrownBy(() -> store.put("failing", failing, -1)).isInstanceOf(IOException.class)
                .hasMessage("disk went away");
        assertThat(store.stat("failing")).isEmpty();
        assertThat(pendingUploads()).isZero();
    }

    @Test
    void sourceEndingBeforeDeclaredLengthStoresNothing() {
        InputStream failing = new InputStream() {
            private int left = 300_000;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("source cut");
                }
                return 1;
            }
        };

        assertThatThrownBy(() -> store.put("known-failing", failing, 1_000_000)).isInstanceOf(IOException.class)
                .hasMessage("source cut");
        assertThat(store.stat("known-failing")).isEmpty();
    }

    @Test
    void putIfAbsentDoesNotReadStreamWhenKeyExists() throws IOException {
        byte[] content = "context".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.of(content);
        String key = "contexts/sha256/" + digest.hex();
        store.putIfAbsent(key, new ByteArrayInputStream(content), content.length, digest);

        InputStream mustNotBeRead = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("content read although the key exists");
            }
        };
        StoredObject again = store.putIfAbsent(key, mustNotBeRead, content.length, digest);

        assertThat(again.size()).isEqualTo(content.length);
    }

    @Test
    void verifiedGetFailsWhenStoredBytesDiffer() throws IOException {
        byte[] expected = "the real artifact".getBytes(StandardCharsets.UTF_8);
        byte[] stored = "a tampered artifact".getBytes(StandardCharsets.UTF_8);
        store.put("artifacts/x", new ByteArrayInputStream(stored), stored.length);

        InputStream in = store.getVerified("artifacts/x", Digest.of(expected), -1).orElseThrow();

        assertThatThrownBy(() -> in.transferTo(java.io.OutputStream.nullOutputStream()))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
                    assertThat(e.subject()).isEqualTo("artifacts/x");
                });
    }

    @Test
    void truncatedDownloadFailsAsCorruptArtifact() throws Exception {
        long size = 2 * 1024 * 1024;
        Digest digest = digestOf(size, 9);
        store.put("artifacts/big", new GeneratedStream(size, 9), size);

        try (TruncatingProxy proxy = new TruncatingProxy(S3.server().endpoint(), 256 * 1024);
                S3ObjectStore throughProxy = new S3ObjectStore(new S3Config(proxy.endpoint(), S3.config().bucket(),
                        S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, "us-east-1", PART))) {
            InputStream in = throughProxy.getVerified("artifacts/big", digest, size).orElseThrow();

            assertThatThrownBy(() -> in.transferTo(java.io.OutputStream.nullOutputStream()))
                    .isInstanceOfSatisfying(StagefarmException.class, e -> {
                        assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
                        assertThat(e.getMessage()).contains("truncated");
                    });
        }
    }

    @Test
    void createsBucketOnlyOnce() {
        S3Config config = S3.server().newBucketConfig();
        try (S3ObjectStore fresh = new S3ObjectStore(config)) {
            fresh.createBucketIfMissing();
            fresh.createBucketIfMissing();
            assertThat(fresh.stat("anything")).isEmpty();
        }
    }

    @Test
    void missingBucketIsAStoreFailure() {
        try (S3ObjectStore noBucket = new S3ObjectStore(S3.server().newBucketConfig())) {
            assertThatThrownBy(() -> noBucket.put("k", new ByteArrayInputStream(new byte[1]), 1))
                    .isInstanceOfSatisfying(StagefarmException.class, e -> {
                        assertThat(e.code()).isEqualTo(FailureCode.OBJECT_STORE);
                        assertThat(e.code().retriable()).isTrue();
                    });
        }
    }

    private static int pendingUploads() {
        try (S3Client raw = S3ObjectStore.newClient(S3.config())) {
            return raw.listMultipartUploads(b -> b.bucket(S3.config().bucket())).uploads().size();
        }
    }

    private static Digest digestOf(long size, long seed) {
        try (DigestingInputStream in = new DigestingInputStream(new GeneratedStream(size, seed))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return in.digest();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(Optional<InputStream> in) throws IOException {
        try (InputStream stream = in.orElseThrow()) {
            return stream.readAllBytes();
        }
    }
}
