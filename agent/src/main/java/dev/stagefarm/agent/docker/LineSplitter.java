package dev.stagefarm.agent.docker;

import dev.stagefarm.agent.exec.LogListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts one output stream of a container, which arrives in arbitrary chunks, into lines for a
 * {@link LogListener}; a last line without a newline is flushed on close. Not thread-safe: one
 * per stream.
 */
final class LineSplitter implements AutoCloseable {
    private final LogListener.Stream stream;
    private final LogListener listener;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineSplitter(LogListener.Stream stream, LogListener listener) {
        this.stream = stream;
        this.listener = listener;
    }

    void accept(byte[] chunk) {
        for (byte b : chunk) {
            if (b == '\n') {
                emit();
            } else {
                pending.write(b);
            }
        }
    }

    private void emit() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        listener.line(stream, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }

    @Override
    public void close() {
        if (pending.size() > 0) {
            emit();
        }
    }
}
