package dev.stagefarm.cli.progress;

import java.time.Duration;
import java.time.Instant;

/** Durations as the progress views print them: {@code 0.4s}, {@code 12.3s}, {@code 2m05s}, {@code 1h02m}. */
public final class Elapsed {
    private Elapsed() {
    }

    /** The time from {@code start} to {@code end}, never negative (client and coordinator clocks may differ). */
    public static String between(Instant start, Instant end) {
        if (start == null || end == null) {
            return "";
        }
        return format(Duration.between(start, end));
    }

    public static String format(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%d.%ds", millis / 1000, millis % 1000 / 100);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
