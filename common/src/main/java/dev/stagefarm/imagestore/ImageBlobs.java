package dev.stagefarm.imagestore;

import dev.stagefarm.digest.Digest;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.protocol.ObjectKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The content-addressed blobs of images in the object store ({@code blobs/sha256/<d>}). A blob is
 * put only when absent, with its digest checked as it streams, and the store makes an object
 * visible only once all of it is stored: a half-written blob never exists under its key. Reads are
 * verified: a missing, truncated or altered blob fails with {@code ARTIFACT_CORRUPT} naming its key.
 */
public final class ImageBlobs {
    private final ObjectStore store;

    public ImageBlobs(ObjectStore store) {
        this.store = store;
    }

    /** The size of the stored blob, or empty when it is not stored. */
    public Optional<Long> storedSize(Digest digest) throws IOException {
        return store.stat(ObjectKeys.blob(digest)).map(ObjectStore.StoredObject::size);
    }

    /** Stores {@code file} (whose digest the caller computed) unless the blob is there; true when uploaded. */
    public boolean putFileIfAbsent(BlobRef blob, Path file) throws IOException {
        if (storedSize(blob.digest()).isPresent()) {
            return false;
        }
        // One put of known length (the fastest upload); the digest was taken while the file was written.
        try (InputStream in = Files.newInputStream(file)) {
            store.put(ObjectKeys.blob(blob.digest()), in, blob.size());
        }
        return true;
    }

    /** Stores a small blob held in memory (a config) unless it is there. */
    public void putBytesIfAbsent(byte[] bytes) throws IOException {
        Digest digest = Digest.of(bytes);
        store.putIfAbsent(ObjectKeys.blob(digest), new ByteArrayInputStream(bytes), bytes.length, digest);
    }

    /** Opens the blob, verified against its digest and size while it is read. */
    public InputStream open(BlobRef blob) throws IOException {
        String key = ObjectKeys.blob(blob.digest());
        return store.getVerified(key, blob.digest(), blob.size()).orElseThrow(() -> new StagefarmException(
                FailureCode.ARTIFACT_CORRUPT, key, 0, "the image blob " + key + " is missing from the object store"));
    }

    /** Reads a small blob (a config) whole, verified. */
    public byte[] readSmall(BlobRef blob, int limit) throws IOException {
        if (blob.size() > limit) {
            throw new StagefarmException(FailureCode.ARTIFACT_CORRUPT, ObjectKeys.blob(blob.digest()), 0,
                    "blob of " + blob.size() + " bytes where at most " + limit + " are expected");
        }
        try (InputStream in = open(blob)) {
            return in.readAllBytes();
        }
    }
}
