package dev.stagefarm.agent.image;

import java.util.List;

/**
 * A HEALTHCHECK as the image config stores it: durations in nanoseconds (0 = inherit the
 * default), {@code test} as {@code ["NONE"]}, {@code ["CMD", ...]} or {@code ["CMD-SHELL", cmd]}.
 */
public record Healthcheck(List<String> test, long intervalNanos, long timeoutNanos, long startPeriodNanos,
        long startIntervalNanos, int retries) {

    public Healthcheck {
        test = List.copyOf(test);
    }

    /** {@code HEALTHCHECK NONE}: disables a check inherited from the base image. */
    public static Healthcheck none() {
        return new Healthcheck(List.of("NONE"), 0, 0, 0, 0, 0);
    }
}
