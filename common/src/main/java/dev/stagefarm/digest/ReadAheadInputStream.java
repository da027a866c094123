package dev.stagefarm.digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads its source on a thread of its own, a bounded number of blocks ahead of the caller, so a
 * download and its verification ({@link VerifyingInputStream} as the source: the digest is computed
 * on that thread) overlap with what the caller does with the bytes (extracting them to disk).
 * Memory stays at {@code blocks × blockSize}. The source's failure (a truncated or corrupt
 * object, an I/O error) reaches the caller as the same exception, after the blocks read before it,
 * and again on every later read: a failed stream never ends normally. Closing stops the reader, which then closes the source (a download closed
 * before its end is aborted by the store, not drained). Only the reader thread ever touches the
 * source. One caller thread.
 */
public final class ReadAheadInputStream extends InputStream {
    /** What the reader passes on: bytes, the end, or the source's failure. */
    private record Block(byte[] bytes, int length, Throwable failure) {
        static final Block END = new Block(null, -1, null);
    }

    private final BlockingQueue<byte[]> free;
    private final BlockingQueue<Block> filled;
    private final Thread reader;
    private volatile boolean closed;
    private Block current;
    private int position;
    private boolean ended;
    private Throwable failure;

    /**
     * Starts reading {@code source} at once.
     *
     * @param name the reader thread's name
     */
    public ReadAheadInputStream(InputStream source, int blocks, int blockSize, String name) {
        if (blocks < 1 || blockSize < 1) {
            throw new IllegalArgumentException("need at least one block of at least one byte");
        }
        this.free = new ArrayBlockingQueue<>(blocks);
        this.filled = new ArrayBlockingQueue<>(blocks + 1);
        for (int i = 0; i < blocks; i++) {
            free.add(new byte[blockSize]);
        }
        this.reader = new Thread(() -> readAll(source), name);
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll(InputStream source) {
        try (source) {
            while (!closed) {
                byte[] buffer = free.take();
                int n = 0;
                try {
                    int r;
                    while (n < buffer.length && (r = source.read(buffer, n, buffer.length - n)) >= 0) {
                        n += r;
                    }
                } finally {
                    // The bytes before a failure still come first: the failure stays where it happened.
                    if (n > 0) {
                        filled.put(new Block(buffer, n, null));
                    }
                }
                if (n < buffer.length) {
                    filled.put(Block.END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed by the caller: nobody reads what is left
        } catch (IOException | RuntimeException | Error e) {
            // At most blocks + 1 entries are ever queued (every data block took a free buffer, the
            // end is not queued after a failure), so this offer always finds room.
            filled.offer(new Block(null, -1, e));
        }
    }

    @Override
    public int read() throws IOException {
        ensureOpen();
        return nextBlockIfUsedUp() ? current.bytes()[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        if (len == 0) {
            return 0;
        }
        if (!nextBlockIfUsedUp()) {
            return -1;
        }
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.bytes(), position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current == null || ended ? 0 : current.length() - position;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
    }

    /** Makes {@link #current} a block with bytes left; false at the end. */
    private boolean nextBlockIfUsedUp() throws IOException {
        if (failure != null) {
            throw rethrown(failure);
        }
        if (ended) {
            return false;
        }
        if (current != null && position < current.length()) {
            return true;
        }
        if (current != null) {
            free.add(current.bytes());
            current = null;
        }
        Block next;
        try {
            next = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the download");
        }
        if (next.failure() != null) {
            failure = next.failure();
            throw rethrown(failure);
        }
        if (next == Block.END) {
            ended = true;
            return false;
        }
        current = next;
        position = 0;
        return true;
    }

    /** The reader's failure as it was: a failure code or an I/O error must not change on its way. */
    private static IOException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return (IOException) failure;
    }

    /** Stops the reader and waits until it has closed the source. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        reader.interrupt();
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
