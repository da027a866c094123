package dev.stagefarm.dockerfile.syntax;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a Dockerfile one physical line at a time, as byte text (see {@link ByteText}) that keeps
 * its {@code \n}, like BuildKit's line scanner.
 *
 * <p>A line longer than BuildKit's scanner buffer (65536 bytes without its newline) ends the
 * input: {@link #next()} returns null and {@link #tooLongLine()} names the line, so no more
 * than one line is ever held in memory. Not thread-safe.
 */
final class PhysicalLines {
    /** bufio.MaxScanTokenSize: a line (without {@code \n}) must be shorter than this. */
    static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int bufferPos;
    private int bufferEnd;
    private int linesRead;
    private int tooLongLine;
    private boolean done;

    PhysicalLines(InputStream in) {
        this.in = in;
    }

    /** The next line including its newline, or null at the end (or at a line that is too long). */
    String next() {
        if (done) {
            return null;
        }
        StringBuilder line = new StringBuilder(128);
        while (fill()) {
            while (bufferPos < bufferEnd) {
                int b = buffer[bufferPos++] & 0xFF;
                if (b == '\n') {
                    linesRead++;
                    return line.append('\n').toString();
                }
                if (line.length() >= MAX_LINE - 1) {
                    done = true;
                    tooLongLine = linesRead + 1;
                    return null;
                }
                line.append((char) b);
            }
        }
        done = true;
        if (line.length() == 0) {
            return null;
        }
        linesRead++;
        return line.toString();
    }

    private boolean fill() {
        if (bufferPos < bufferEnd) {
            return true;
        }
        try {
            int n;
            do {
                n = in.read(buffer);
            } while (n == 0);
            bufferPos = 0;
            bufferEnd = Math.max(n, 0);
            return n > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based number of a line that was too long, or 0. */
    int tooLongLine() {
        return tooLongLine;
    }
}
