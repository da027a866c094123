package dev.stagefarm.imagestore;

import dev.stagefarm.digest.Digest;
import java.util.Objects;

/**
 * One blob of an image: its SHA-256 (a layer's diffID, or the image id for the config) and its
 * size in bytes. Immutable.
 */
public record BlobRef(Digest digest, long size) {
    public BlobRef {
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("a blob has a size of at least 0: " + size);
        }
    }
}
