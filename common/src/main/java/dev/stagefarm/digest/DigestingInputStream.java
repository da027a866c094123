package dev.stagefarm.digest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes bytes through while computing their SHA-256 and counting them. {@link #digest()} may be
 * called once the caller has read what it wanted (usually to the end). Skipped bytes are read and
 * hashed, so the digest always covers every byte consumed. Not thread-safe.
 */
public class DigestingInputStream extends FilterInputStream {
    private final MessageDigest sha256 = Digest.newSha256();
    private long count;
    private Digest result;

    public DigestingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            sha256.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            sha256.update(buffer, offset, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Hash what is skipped: a digest that silently left bytes out would verify nothing.
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readLimit) {
        // not supported: a reset would hash the same bytes twice
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported while digesting");
    }

    /** Number of bytes read so far. */
    public long count() {
        return count;
    }

    /** The digest of every byte read so far; finishes the computation (call once reading is done). */
    public Digest digest() {
        if (result == null) {
            result = Digest.fromBytes(sha256.digest());
        }
        return result;
    }
}
