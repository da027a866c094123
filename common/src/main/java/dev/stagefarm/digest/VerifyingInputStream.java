package dev.stagefarm.digest;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream whose size and digest are known in advance (a stored artifact, a context) and
 * fails with {@link FailureCode#ARTIFACT_CORRUPT} instead of ever returning end-of-stream for bytes
 * that do not match: too few bytes (a truncated download, also when the transport reports the
 * cut as an I/O error), too many, or other bytes. The reader therefore never mistakes a partial
 * object for a whole one. Not thread-safe.
 */
public class VerifyingInputStream extends InputStream {
    private final DigestingInputStream in;
    private final Digest expectedDigest;
    private final long expectedSize;
    private final String subject;
    private boolean verified;

    /**
     * @param expectedSize the exact size, or -1 to check the digest only
     * @param subject what the failure names (an object key, a file)
     */
    public VerifyingInputStream(InputStream in, Digest expectedDigest, long expectedSize, String subject) {
        this.in = new DigestingInputStream(in);
        this.expectedDigest = expectedDigest;
        this.expectedSize = expectedSize;
        this.subject = subject;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException e) {
            if (expectedSize >= 0 && in.count() < expectedSize) {
                throw truncated(e);
            }
            throw e;
        }
        if (n < 0) {
            verifyAtEnd();
        } else if (expectedSize >= 0 && in.count() > expectedSize) {
            throw new StagefarmException(FailureCode.ARTIFACT_CORRUPT, subject, 0,
                    "more bytes than the expected " + expectedSize);
        }
        return n;
    }

    private void verifyAtEnd() {
        if (verified) {
            return;
        }
        if (expectedSize >= 0 && in.count() != expectedSize) {
            throw truncated(null);
        }
        Digest actual = in.digest();
        if (!actual.equals(expectedDigest)) {
            throw new StagefarmException(FailureCode.ARTIFACT_CORRUPT, subject, 0,
                    "content digest " + actual + " does not match the expected " + expectedDigest);
        }
        verified = true;
    }

    private StagefarmException truncated(Throwable cause) {
        return new StagefarmException(FailureCode.ARTIFACT_CORRUPT, subject, 0,
                "truncated: got " + in.count() + " of " + expectedSize + " bytes", cause);
    }

    /** True once the whole stream was read and matched. */
    public boolean verified() {
        return verified;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
