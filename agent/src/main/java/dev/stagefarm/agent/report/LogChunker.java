package dev.stagefarm.agent.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Batches a step's output lines into log-chunk events: a chunk goes out when it reaches
 * {@code maxChars}, when the step or stream changes, when it is older than {@code maxAge} as a
 * line arrives, or when {@link #flush()} is called (each heartbeat and at the end of each step).
 * So a chatty RUN sends a few events a second instead of one per line. Thread-safe.
 */
public final class LogChunker {

    /** Receives finished chunks. */
    @FunctionalInterface
    public interface ChunkSink {
        void chunk(int step, String stream, String text);
    }

    private final ChunkSink sink;
    private final Clock clock;
    private final int maxChars;
    private final Duration maxAge;
    private final StringBuilder buffer = new StringBuilder();
    private int step = -1;
    private String stream;
    private Instant started;

    public LogChunker(ChunkSink sink, Clock clock, int maxChars, Duration maxAge) {
        this.sink = sink;
        this.clock = clock;
        this.maxChars = maxChars;
        this.maxAge = maxAge;
    }

    public synchronized void line(int lineStep, String lineStream, String text) {
        if (buffer.length() > 0 && (lineStep != step || !lineStream.equals(stream))) {
            flush();
        }
        if (buffer.length() == 0) {
            step = lineStep;
            stream = lineStream;
            started = clock.instant();
        }
        buffer.append(text).append('\n');
        if (buffer.length() >= maxChars || !clock.instant().isBefore(started.plus(maxAge))) {
            flush();
        }
    }

    public synchronized void flush() {
        if (buffer.length() > 0) {
            String text = buffer.toString();
            buffer.setLength(0);
            sink.chunk(step, stream, text);
        }
    }
}
