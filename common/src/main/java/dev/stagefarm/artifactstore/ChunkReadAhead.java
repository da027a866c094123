package dev.stagefarm.artifactstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The chunks of an artifact as one stream, {@link #FETCHERS} of them downloaded at once, each
 * whole into a buffer of its own and verified against its digest and size on the thread that
 * fetched it, then handed to the reader in order. Reading chunks one after the other was slower
 * than reading one object of the same bytes (each request costs the store a few milliseconds,
 * and the reading thread also hashed every byte); fetched side by side, the requests and the
 * hashing overlap. Memory: {@code FETCHERS + 1} buffers of a chunk's size (48 MiB for 16 MiB
 * chunks), whatever the artifact's size; {@link ArtifactDownload} streams manifests whose chunks
 * are larger than {@link #MAX_CHUNK}. A failed chunk fails the read where that chunk would
 * begin, never earlier bytes. The reader's thread only.
 */
final class ChunkReadAhead extends InputStream {
    static final int FETCHERS = 2;
    /** Larger chunks are streamed instead: three such buffers are as much heap as this allows. */
    static final long MAX_CHUNK = 64L << 20;

    private final ChunkOpener opener;
    private final Iterator<ArtifactManifest.Chunk> pending;
    private final ExecutorService fetchers = Executors.newFixedThreadPool(FETCHERS, runnable -> {
        Thread thread = new Thread(runnable, "artifact-chunk-fetch");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Future<Fetched>> ahead = new ArrayDeque<>();
    private final Deque<byte[]> free = new ArrayDeque<>();
    private byte[] current;
    private int position;
    private int limit;

    /** Opens one chunk's stream, verified against its digest and size. */
    @FunctionalInterface
    interface ChunkOpener {
        InputStream open(ArtifactManifest.Chunk chunk) throws IOException;
    }

    ChunkReadAhead(List<ArtifactManifest.Chunk> chunks, ChunkOpener opener) {
        this.opener = opener;
        this.pending = chunks.iterator();
        fetchAhead();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == limit) {
            if (!nextChunk()) {
                return -1;
            }
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
        ahead.forEach(f -> f.cancel(true));
        ahead.clear();
        fetchers.shutdownNow();
        current = null;
        free.clear();
    }

    private boolean nextChunk() throws IOException {
        if (current != null) {
            free.add(current);
            current = null;
        }
        Future<Fetched> next = ahead.poll();
        if (next == null) {
            return false;
        }
        Fetched fetched = ChunkTask.await(next, "reading an artifact chunk");
        current = fetched.buffer();
        position = 0;
        limit = fetched.length();
        fetchAhead();
        return true;
    }

    private void fetchAhead() {
        while (ahead.size() < FETCHERS && pending.hasNext()) {
            ArtifactManifest.Chunk chunk = pending.next();
            byte[] reused = free.poll();
            byte[] buffer = reused != null && reused.length >= chunk.size() ? reused : new byte[(int) chunk.size()];
            ahead.add(fetchers.submit(() -> fetch(chunk, buffer)));
        }
    }

    private Fetched fetch(ArtifactManifest.Chunk chunk, byte[] buffer) throws IOException {
        try (InputStream in = opener.open(chunk)) {
            int n = in.readNBytes(buffer, 0, (int) chunk.size());
            // Reading on to the end is what makes the stream check the size and the digest.
            in.transferTo(OutputStream.nullOutputStream());
            return new Fetched(buffer, n);
        }
    }

    private record Fetched(byte[] buffer, int length) {
    }
}
