package dev.stagefarm.context;

import dev.stagefarm.digest.Digest;

/**
 * The result of packing a context: its manifest, and the digest and size of the tar stream
 * (the context's content address, {@code contexts/sha256/<hex>}). Immutable.
 */
public record PackedContext(ContextManifest manifest, Digest digest, long size) {
}
