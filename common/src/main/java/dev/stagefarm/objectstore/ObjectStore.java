package dev.stagefarm.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The farm's object storage (S3-compatible): contexts, stage artifacts, images and logs.
 *
 * <p>The only type in the farm that talks to the storage service. Every transfer streams:
 * nothing is held whole in memory. Keys follow the layout in the design notes
 * ({@code contexts/sha256/<d>}, {@code artifacts/<stage-key>/...}, {@code images/<stage-key>.tar},
 * {@code logs/<build>/<stage>.log}). Implementations are thread-safe.
 */
public interface ObjectStore {

    /**
     * Stores {@code content} under {@code key}. The object becomes visible only when the whole
     * stream was stored; a failure part-way leaves no object behind.
     *
     * @param length the exact number of bytes, or -1 when unknown (the stream is uploaded in parts)
     */
    StoredObject put(String key, InputStream content, long length) throws IOException;

    /** Opens the object for reading; empty when there is no such key. The caller closes it. */
    Optional<InputStream> get(String key) throws IOException;

    /** Size and metadata of the object, or empty when there is no such key. */
    Optional<StoredObject> stat(String key) throws IOException;

    /** Deletes the object; deleting a missing key is not an error. */
    void delete(String key) throws IOException;

    /** What the store knows of one object. */
    record StoredObject(String key, long size, String etag) {
    }
}
