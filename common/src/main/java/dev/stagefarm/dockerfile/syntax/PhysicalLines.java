package dev.stagefarm.dockerfile.syntax;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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
        StringBuilder line = null;
        while (fill()) {
            // copy runs of bytes up to the newline at once rather than char by char
            int start = bufferPos;
            int held = line == null ? 0 : line.length();
            int limit = Math.min(bufferEnd, start + (MAX_LINE - 1 - held));
            int pos = start;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            if (pos < bufferEnd && buffer[pos] == '\n') {
                bufferPos = pos + 1;
                linesRead++;
                String chunk = new String(buffer, start, pos + 1 - start, StandardCharsets.ISO_8859_1);
                return line == null ? chunk : line.append(chunk).toString();
            }
            if (pos == limit && limit < bufferEnd) {
                done = true;
                tooLongLine = linesRead + 1;
                return null;
            }
            if (line == null) {
                line = new StringBuilder(128);
            }
            line.append(new String(buffer, start, pos - start, StandardCharsets.ISO_8859_1));
            bufferPos = pos;
        }
        done = true;
        if (line == null || line.length() == 0) {
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
