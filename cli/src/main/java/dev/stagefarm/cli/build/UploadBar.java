package dev.stagefarm.cli.build;

import dev.stagefarm.cli.progress.Bytes;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The upload progress of a large context on stderr. On a terminal one line is redrawn with a
 * carriage return, at most every {@code interval}; elsewhere only the start and the end are
 * printed, so a log file gets no control characters. Thread-safe (called from the HTTP client's threads).
 */
final class UploadBar implements dev.stagefarm.cli.api.TransferListener {
    private static final int BAR = 30;
    private final PrintWriter err;
    private final boolean terminal;
    private final Clock clock;
    private final Duration interval;
    private Instant lastDrawn = Instant.EPOCH;

    UploadBar(PrintWriter err, boolean terminal, Clock clock, Duration interval) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        this.interval = interval;
    }

    /** The bar for {@code sent} of {@code total} bytes. Pure. */
    static String render(long sent, long total) {
        int percent = total <= 0 ? 100 : (int) Math.min(100, sent * 100 / total);
        int filled = percent * BAR / 100;
        return "uploading context [" + "=".repeat(filled) + (filled < BAR ? ">" + " ".repeat(BAR - filled - 1) : "")
                + "] " + percent + "% " + Bytes.format(sent) + " / " + Bytes.format(total);
    }

    void started(long total) {
        if (!terminal) {
            err.println("uploading context (" + Bytes.format(total) + ")");
            err.flush();
        }
    }

    @Override
    public synchronized void transferred(long sent, long total) {
        Instant now = clock.instant();
        if (terminal && (sent == total || Duration.between(lastDrawn, now).compareTo(interval) >= 0)) {
            lastDrawn = now;
            err.print("\r" + render(sent, total));
            err.flush();
        }
    }

    synchronized void finished(long total, Duration took) {
        if (terminal) {
            err.print("\r\u001B[2K");
        }
        err.println("uploaded context (" + Bytes.format(total) + ") in " + dev.stagefarm.cli.progress.Elapsed.format(took));
        err.flush();
    }
}
