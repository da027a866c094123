package dev.stagefarm.coordinator.context;

import dev.stagefarm.coordinator.config.CoordinatorConfig;
import dev.stagefarm.coordinator.metrics.FarmMetrics;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.protocol.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Content-addressed context uploads. The body is streamed to a spool file while its SHA-256 is
 * computed; only when the digest matches the one in the URL is it stored, so a mismatch leaves
 * nothing behind in object storage. Never holds the context in memory. Thread-safe.
 */
@ApplicationScoped
public class ContextUploads {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @Inject
    ObjectStore store;
    @Inject
    CoordinatorConfig config;
    @Inject
    FarmMetrics metrics;

    /** The stored context's size, or empty when no context has this digest. */
    public Optional<Long> size(String digest) {
        requireDigest(digest);
        try {
            return store.stat(ObjectKeys.context(digest)).map(ObjectStore.StoredObject::size);
        } catch (IOException e) {
            throw new StagefarmException(FailureCode.OBJECT_STORE, ObjectKeys.context(digest), 0,
                    "object store unreachable: " + e.getMessage(), e);
        }
    }

    /**
     * Stores the context if it is not stored yet.
     *
     * @return true when this call stored it, false when it was already there
     * @throws StagefarmException CONTEXT_DIGEST_MISMATCH when the bytes do not hash to {@code digest}
     */
    public boolean upload(String digest, InputStream body) {
        requireDigest(digest);
        Path spool = null;
        try {
            spool = spoolFile();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long bytes;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(spool), sha)) {
                bytes = body.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(sha.digest());
            if (!actual.equals(digest)) {
                throw new StagefarmException(FailureCode.CONTEXT_DIGEST_MISMATCH, "context " + digest, 0,
                        "the uploaded bytes have digest sha256:" + actual + ", not sha256:" + digest);
            }
            if (store.stat(ObjectKeys.context(digest)).isPresent()) {
                return false;
            }
            try (InputStream in = Files.newInputStream(spool)) {
                store.put(ObjectKeys.context(digest), in, bytes);
            }
            metrics.contextUploaded(bytes);
            return true;
        } catch (IOException e) {
            throw new StagefarmException(FailureCode.OBJECT_STORE, ObjectKeys.context(digest), 0,
                    "context upload failed: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } finally {
            deleteQuietly(spool);
        }
    }

    static void requireDigest(String digest) {
        if (digest == null || !SHA256.matcher(digest).matches()) {
            throw new StagefarmException(FailureCode.BAD_REQUEST, "context " + digest, 0,
                    "a context digest is 64 lower-case hex digits (the SHA-256 of the tar)");
        }
    }

    private Path spoolFile() throws IOException {
        Optional<String> dir = config.storage().spoolDir();
        return dir.isPresent() ? Files.createTempFile(Files.createDirectories(Path.of(dir.get())), "context-", ".tar")
                : Files.createTempFile("stagefarm-context-", ".tar");
    }

    private static void deleteQuietly(Path spool) {
        if (spool != null) {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
