package dev.stagefarm.imagestore;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stored image's {@code docker load} archive as an input stream (for APIs that read the body
 * themselves, such as the Docker client's load), written by a thread of its own. When writing
 * fails (a missing or corrupt blob), reading fails with that failure instead of ending, and
 * {@link #failureOr} gives it to a caller that only saw what the consumer made of the cut stream.
 */
public final class ArchiveStream extends InputStream {

    /** Writes the archive to the stream it is given. */
    @FunctionalInterface
    interface Writer {
        void write(java.io.OutputStream out) throws IOException;
    }

    private final PipedInputStream in;
    private final Thread writer;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ArchiveStream(String name, Writer content) throws IOException {
        this.in = new PipedInputStream(1 << 16);
        PipedOutputStream out = new PipedOutputStream(in);
        this.writer = new Thread(() -> {
            try {
                content.write(out);
                out.flush();
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                try {
                    out.close();
                } catch (IOException e) {
                    failure.compareAndSet(null, e);
                }
            }
        }, "image-archive " + name);
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException e) {
            throw rethrown(e);
        }
        if (n < 0) {
            joinWriter();
            rethrowFailure();
        }
        return n;
    }

    /** The archive's own failure when there was one, else {@code other}. */
    public RuntimeException failureOr(RuntimeException other) {
        if (writer.isAlive()) {
            // Still writing, so not failed: the consumer stopped on its own account.
            closeQuietly();
            return other;
        }
        Throwable own = failure.get();
        return own instanceof RuntimeException r ? r
                : own != null ? new StagefarmException(FailureCode.OBJECT_STORE, "image archive", 0,
                        "writing the image archive failed: " + own.getMessage(), own) : other;
    }

    private IOException rethrown(IOException e) {
        joinWriter();
        Throwable own = failure.get();
        if (own instanceof RuntimeException r) {
            throw r;
        }
        return own instanceof IOException io ? io : e;
    }

    private void rethrowFailure() throws IOException {
        Throwable own = failure.get();
        if (own instanceof RuntimeException r) {
            throw r;
        }
        if (own instanceof IOException io) {
            throw io;
        }
        if (own != null) {
            throw new IOException(own);
        }
    }

    private void joinWriter() {
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // closing a pipe does not fail
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
        joinWriter();
    }
}
