package dev.stagefarm.dockerfile.instructions;

import java.time.Duration;
import java.util.List;

/**
 * HEALTHCHECK: {@code test} is Docker's form ({@code ["NONE"]}, {@code ["CMD", args…]} for the
 * JSON form, {@code ["CMD-SHELL", command]} for the shell form); durations are null when not
 * given (or zero), {@code retries} is null when not given.
 */
public record Healthcheck(Source source, List<String> test, Duration interval, Duration timeout,
        Duration startPeriod, Duration startInterval, Integer retries) implements Instruction {
    public Healthcheck {
        test = List.copyOf(test);
    }

    /** True for {@code HEALTHCHECK NONE} (disables an inherited check). */
    public boolean disabled() {
        return test.equals(List.of("NONE"));
    }
}
