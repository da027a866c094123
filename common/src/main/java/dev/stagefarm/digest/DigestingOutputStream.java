package dev.stagefarm.digest;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Passes bytes to the wrapped stream while computing their SHA-256 and counting them. Closing it
 * closes the wrapped stream. Not thread-safe.
 */
public class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest sha256 = Digest.newSha256();
    private long count;
    private Digest result;

    public DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        // FilterOutputStream would write byte by byte; pass the block through instead.
        out.write(buffer, offset, length);
        sha256.update(buffer, offset, length);
        count += length;
    }

    /** Number of bytes written so far. */
    public long count() {
        return count;
    }

    /** The digest of every byte written so far; finishes the computation (call once writing is done). */
    public Digest digest() {
        if (result == null) {
            result = Digest.fromBytes(sha256.digest());
        }
        return result;
    }
}
