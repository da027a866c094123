package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.exec.LogListener;
import java.util.ArrayDeque;
import java.util.Deque;

/** Passes lines on and keeps the last few, for the message of a failed RUN. */
final class LogTail implements LogListener {
    private final LogListener next;
    private final int size;
    private final Deque<String> lines = new ArrayDeque<>();

    LogTail(LogListener next, int size) {
        this.next = next;
        this.size = size;
    }

    @Override
    public void line(Stream stream, String text) {
        next.line(stream, text);
        synchronized (lines) {
            if (lines.size() == size) {
                lines.removeFirst();
            }
            lines.addLast(text);
        }
    }

    String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
