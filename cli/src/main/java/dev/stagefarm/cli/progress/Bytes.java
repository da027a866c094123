package dev.stagefarm.cli.progress;

import java.util.Locale;

/** Sizes as people read them: {@code 512 B}, {@code 12.3 KiB}, {@code 4.0 MiB}, {@code 1.2 GiB}. */
public final class Bytes {
    private Bytes() {
    }

    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
