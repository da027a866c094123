package dev.stagefarm.objectstore;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * At most {@code count} buffers of {@code size} bytes for an upload that reads the next part
 * while earlier ones are sent: made on demand up to the bound, then handed out only as uploads
 * give them back, so the reader waits instead of growing the heap. Thread-safe.
 */
public final class UploadBuffers {
    private final BlockingQueue<byte[]> free;
    private final int count;
    private final int size;
    private final String what;
    private int made;

    /** @param what the upload, for the message when a wait is interrupted */
    public UploadBuffers(int count, int size, String what) {
        this.free = new ArrayBlockingQueue<>(count);
        this.count = count;
        this.size = size;
        this.what = what;
    }

    /** A free buffer: a new one while fewer than the bound exist, else one an upload released. */
    public byte[] take() throws IOException {
        byte[] buffer = free.poll();
        if (buffer != null) {
            return buffer;
        }
        synchronized (this) {
            if (made < count) {
                made++;
                return new byte[size];
            }
        }
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading " + what);
        }
    }

    /** Gives a buffer back once its upload ended, successfully or not. */
    public void release(byte[] buffer) {
        free.add(buffer);
    }
}
