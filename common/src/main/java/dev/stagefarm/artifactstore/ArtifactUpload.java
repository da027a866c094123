package dev.stagefarm.artifactstore;

import dev.stagefarm.digest.Digest;
import dev.stagefarm.digest.DigestingInputStream;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.objectstore.UploadBuffers;
import dev.stagefarm.protocol.ObjectKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stores an artifact's tar from a stream of unknown length, then its manifest, last. A tar that
 * fits in one chunk is one put of known length under the artifact key. A longer one is cut into
 * chunks of {@code chunkSize}, each one put of known length under its own key, the next chunk
 * read while up to {@link #CHUNKS_IN_FLIGHT} earlier ones upload, so memory stays at
 * {@code (CHUNKS_IN_FLIGHT + 1) * chunkSize} whatever the size. Not a multipart upload: joining
 * the parts makes the storage service write every byte a second time (S3Proxy's filesystem
 * store copies them into one file), which costs as much as the upload itself.
 *
 * <p>Chunk keys carry an id of this upload ({@link ObjectKeys#artifactChunk}), so two agents
 * storing the same stage at once never write into each other's chunks. On any failure the chunks
 * this upload stored are deleted and no manifest is written; once the manifest is written, the
 * chunks of the manifest it replaced are deleted. Single use; called from one thread.
 */
public final class ArtifactUpload {
    /** 16 MiB: large enough that a put's fixed cost is small, three in memory stay under 50 MiB. */
    public static final int DEFAULT_CHUNK_SIZE = 16 << 20;
    static final int CHUNKS_IN_FLIGHT = 2;
    private static final SecureRandom IDS = new SecureRandom();

    private final ObjectStore store;
    private final UploadBuffers buffers;

    public ArtifactUpload(ObjectStore store) {
        this(store, DEFAULT_CHUNK_SIZE);
    }

    public ArtifactUpload(ObjectStore store, int chunkSize) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunk size must be positive, got " + chunkSize);
        }
        this.store = store;
        this.buffers = new UploadBuffers(CHUNKS_IN_FLIGHT + 1, chunkSize, "an artifact");
    }

    /**
     * Stores {@code content} at {@code artifactKey} and then the manifest of {@code paths} at
     * {@code manifestKey}. A failure reading {@code content} is rethrown as it came (an
     * {@link IOException} of the caller's source); nothing new is visible then.
     */
    public ArtifactManifest store(String artifactKey, String manifestKey, List<String> paths, InputStream content)
            throws IOException {
        DigestingInputStream in = new DigestingInputStream(content);
        byte[] first = buffers.take();
        int n = in.readNBytes(first, 0, first.length);
        ArtifactManifest manifest;
        if (n < first.length) {
            store.put(artifactKey, new ByteArrayInputStream(first, 0, n), n);
            manifest = new ArtifactManifest(paths, in.digest().toString(), n);
        } else {
            List<ArtifactManifest.Chunk> chunks = storeChunks(artifactKey, in, first);
            manifest = new ArtifactManifest(paths, in.digest().toString(), in.count(), chunks);
        }
        Optional<ArtifactManifest> replaced = previous(manifestKey);
        byte[] json = manifest.toJson();
        try {
            store.put(manifestKey, new ByteArrayInputStream(json), json.length);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(manifest.chunks().stream().map(ArtifactManifest.Chunk::key).toList());
            throw e;
        }
        // A reader still on the replaced manifest then fails (a missing chunk, retriable) and
        // reads the new one on its next attempt; left alone, those chunks would never go.
        replaced.ifPresent(old -> deleteQuietly(old.chunks().stream().map(ArtifactManifest.Chunk::key)
                .filter(key -> manifest.chunks().stream().noneMatch(c -> c.key().equals(key))).toList()));
        return manifest;
    }

    private List<ArtifactManifest.Chunk> storeChunks(String artifactKey, DigestingInputStream in, byte[] first)
            throws IOException {
        byte[] id = new byte[8];
        IDS.nextBytes(id);
        String uploadId = HexFormat.of().formatHex(id);
        ExecutorService uploads = Executors.newFixedThreadPool(CHUNKS_IN_FLIGHT, runnable -> {
            Thread thread = new Thread(runnable, "artifact-chunk-upload");
            thread.setDaemon(true);
            return thread;
        });
        List<String> keys = new ArrayList<>();
        List<Future<ArtifactManifest.Chunk>> chunks = new ArrayList<>();
        boolean stored = false;
        try {
            byte[] buffer = first;
            int n = first.length;
            while (n > 0) {
                String key = ObjectKeys.artifactChunk(artifactKey, uploadId, keys.size());
                keys.add(key);
                chunks.add(uploads.submit(uploadChunk(key, buffer, n)));
                if (chunks.stream().anyMatch(ArtifactUpload::failed)) {
                    break; // its failure is thrown below
                }
                buffer = buffers.take();
                n = in.readNBytes(buffer, 0, buffer.length);
            }
            List<ArtifactManifest.Chunk> done = new ArrayList<>();
            for (Future<ArtifactManifest.Chunk> chunk : chunks) {
                done.add(ChunkTask.await(chunk, "storing an artifact chunk"));
            }
            stored = true;
            return done;
        } finally {
            if (!stored) {
                // Let uploads in flight end first: a chunk stored after its delete would linger.
                chunks.forEach(ArtifactUpload::awaitQuietly);
                deleteQuietly(keys);
            }
            uploads.shutdown();
        }
    }

    /** Hashes and stores one chunk on an upload thread, then hands its buffer back. */
    private Callable<ArtifactManifest.Chunk> uploadChunk(String key, byte[] buffer, int n) {
        return () -> {
            try {
                MessageDigest sha256 = Digest.newSha256();
                sha256.update(buffer, 0, n);
                store.put(key, new ByteArrayInputStream(buffer, 0, n), n);
                return new ArtifactManifest.Chunk(key, n, Digest.fromBytes(sha256.digest()).toString());
            } finally {
                buffers.release(buffer);
            }
        };
    }

    private Optional<ArtifactManifest> previous(String manifestKey) {
        try {
            return Optional.of(new ArtifactDownload(store).manifest(manifestKey));
        } catch (IOException | StagefarmException e) {
            return Optional.empty(); // none, or unreadable: nothing known to clean up
        }
    }

    private void deleteQuietly(List<String> keys) {
        for (String key : keys) {
            try {
                store.delete(key);
            } catch (IOException | StagefarmException e) {
                // Unreferenced by any manifest either way; a bucket lifecycle rule reclaims it.
            }
        }
    }

    private static boolean failed(Future<?> future) {
        if (!future.isDone()) {
            return false;
        }
        try {
            future.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }


    private static void awaitQuietly(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // reported by the first failure already
        }
    }
}
