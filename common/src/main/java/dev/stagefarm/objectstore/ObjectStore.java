package dev.stagefarm.objectstore;

import dev.stagefarm.digest.Digest;
import dev.stagefarm.digest.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The farm's object storage (S3-compatible): contexts, stage artifacts, images and logs.
 *
 * <p>The only type in the farm that talks to the storage service. Every transfer streams:
 * nothing is held whole in memory. Keys follow docs/object-layout.md
 * ({@code contexts/sha256/<d>}, {@code artifacts/<stage-key>/...}, {@code images/<stage-key>.json},
 * {@code blobs/sha256/<d>}, {@code logs/<build>/<stage>.log}). Implementations are thread-safe.
 *
 * <p>Failures of the storage service are {@code StagefarmException}s with code
 * {@code OBJECT_STORE} (retriable) and the key as subject; content that does not match its digest
 * is {@code ARTIFACT_CORRUPT}; an {@link IOException} comes from the caller's own stream.
 */
public interface ObjectStore {

    /**
     * Stores {@code content} under {@code key}. The object becomes visible only when the whole
     * stream was stored; a failure part-way leaves no object behind.
     *
     * @param length the exact number of bytes, or -1 when unknown (the stream is uploaded in parts)
     */
    StoredObject put(String key, InputStream content, long length) throws IOException;

    /**
     * Stores {@code content} under {@code key} only if its SHA-256 is {@code expected} (and its
     * size {@code length}, when not -1), checked while streaming. On a mismatch nothing becomes
     * visible under the key and the call fails with {@code ARTIFACT_CORRUPT}.
     */
    StoredObject putVerified(String key, InputStream content, long length, Digest expected) throws IOException;

    /** Opens the object for reading; empty when there is no such key. The caller closes it. */
    Optional<InputStream> get(String key) throws IOException;

    /** Size and metadata of the object, or empty when there is no such key. */
    Optional<StoredObject> stat(String key) throws IOException;

    /** Deletes the object; deleting a missing key is not an error. */
    void delete(String key) throws IOException;

    /**
     * For content-addressed keys (a context is never uploaded twice): returns the existing object
     * without reading {@code content} when the key is already stored, else {@link #putVerified}.
     */
    default StoredObject putIfAbsent(String key, InputStream content, long length, Digest expected)
            throws IOException {
        Optional<StoredObject> existing = stat(key);
        if (existing.isPresent()) {
            return existing.get();
        }
        return putVerified(key, content, length, expected);
    }

    /**
     * Opens the object as a stream that fails with {@code ARTIFACT_CORRUPT} when its bytes do not
     * match {@code expected} or {@code expectedSize} (-1: unchecked): a truncated or altered
     * download is never taken for a whole one. Empty when there is no such key.
     */
    default Optional<InputStream> getVerified(String key, Digest expected, long expectedSize) throws IOException {
        Optional<InputStream> raw = get(key);
        return raw.map(in -> new VerifyingInputStream(in, expected, expectedSize, key));
    }

    /** What the store knows of one object. */
    record StoredObject(String key, long size, String etag) {
    }
}
