package dev.stagefarm.artifactstore;

import dev.stagefarm.digest.Digest;
import dev.stagefarm.digest.VerifyingInputStream;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads a stored artifact back as one stream of its tar that fails with {@code ARTIFACT_CORRUPT}
 * instead of ever ending early or differently: the one object checked against the manifest's
 * digest and size, or each chunk in turn against its own (the chunk's key named in the failure;
 * a missing chunk is corrupt too, since the manifest says it was stored). Checking every chunk
 * covers every byte of the tar, so the whole tar is not hashed a second time. Chunks are fetched
 * a few at once ({@link ChunkReadAhead}). Thread-safe.
 */
public final class ArtifactDownload {
    private final ObjectStore store;
    private final long maxReadAheadChunk;

    public ArtifactDownload(ObjectStore store) {
        this(store, ChunkReadAhead.MAX_CHUNK);
    }

    /** @param maxReadAheadChunk chunks up to this size are read ahead whole, larger ones streamed */
    ArtifactDownload(ObjectStore store, long maxReadAheadChunk) {
        this.store = store;
        this.maxReadAheadChunk = maxReadAheadChunk;
    }

    /** The manifest under {@code manifestKey}; a missing one is {@code OBJECT_STORE} (the result was never stored). */
    public ArtifactManifest manifest(String manifestKey) throws IOException {
        try (InputStream in = store.get(manifestKey).orElseThrow(() -> new StagefarmException(FailureCode.OBJECT_STORE,
                manifestKey, 0, "object " + manifestKey + " is missing"))) {
            return ArtifactManifest.fromJson(in.readAllBytes(), manifestKey);
        }
    }

    /** Opens the artifact at {@code artifactKey} that {@code manifest} describes. The caller closes it. */
    public InputStream open(String artifactKey, ArtifactManifest manifest) throws IOException {
        if (!manifest.chunked()) {
            return verified(artifactKey, Digest.parse(manifest.digest()), manifest.size(),
                    FailureCode.OBJECT_STORE);
        }
        if (manifest.chunks().stream().allMatch(c -> c.size() <= maxReadAheadChunk)) {
            return new ChunkReadAhead(manifest.chunks(), this::openChunk);
        }
        return new Chunks(manifest.chunks().iterator());
    }

    /** A chunk's stream, checked against its digest and size; a missing chunk is corrupt, since the manifest lists it. */
    private InputStream openChunk(ArtifactManifest.Chunk chunk) throws IOException {
        return verified(chunk.key(), Digest.parse(chunk.digest()), chunk.size(), FailureCode.ARTIFACT_CORRUPT);
    }

    private InputStream verified(String key, Digest digest, long size, FailureCode whenMissing) throws IOException {
        return store.getVerified(key, digest, size).orElseThrow(() -> new StagefarmException(whenMissing, key, 0,
                "object " + key + " is missing"));
    }

    /**
     * The chunks one after the other, each read to its verified end before the next; the next
     * chunk's request is sent when the one before it starts, so no round trip sits between them.
     * Only for chunks too large to read ahead whole ({@link ChunkReadAhead#MAX_CHUNK}).
     */
    private final class Chunks extends InputStream {
        private final Iterator<ArtifactManifest.Chunk> next;
        private CompletableFuture<InputStream> upcoming;
        private InputStream current;

        Chunks(Iterator<ArtifactManifest.Chunk> next) {
            this.next = next;
            this.upcoming = openNext();
        }

        private CompletableFuture<InputStream> openNext() {
            if (!next.hasNext()) {
                return null;
            }
            ArtifactManifest.Chunk chunk = next.next();
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return openChunk(chunk);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, runnable -> {
                Thread thread = new Thread(runnable, "artifact-chunk-open");
                thread.setDaemon(true);
                thread.start();
            });
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (length > 0 && (current != null || upcoming != null)) {
                if (current == null) {
                    current = opened(upcoming);
                    upcoming = openNext();
                }
                int n = current.read(buffer, offset, length);
                if (n >= 0) {
                    return n;
                }
                current.close();
                current = null;
            }
            return length == 0 ? 0 : -1;
        }

        private static InputStream opened(CompletableFuture<InputStream> open) throws IOException {
            try {
                return open.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            if (upcoming != null) {
                // Not read: its download is cut off as soon as it is open.
                upcoming.thenAccept(in -> {
                    try {
                        in.close();
                    } catch (IOException e) {
                        // nothing more to release
                    }
                });
                upcoming = null;
            }
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
