package dev.stagefarm.agent.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How long each named phase of one attempt took (context, plan, inputs, execute, export, log),
 * measured on the pipeline's clock: the line an operator reads to see where a stage's time went.
 * Not thread-safe: one per attempt, on its worker thread.
 */
final class PhaseTimes {
    private final Clock clock;
    private final Map<String, Duration> phases = new LinkedHashMap<>();
    private Instant mark;

    PhaseTimes(Clock clock) {
        this.clock = clock;
        this.mark = clock.instant();
    }

    /** Ends the phase that ran since the previous call (or since creation) under {@code name}. */
    void end(String name) {
        Instant now = clock.instant();
        phases.merge(name, Duration.between(mark, now), Duration::plus);
        mark = now;
    }

    Map<String, Duration> phases() {
        return Map.copyOf(phases);
    }

    /** {@code context 0.21 s, plan 0.05 s, …} in the order the phases ran. */
    @Override
    public String toString() {
        StringJoiner line = new StringJoiner(", ");
        phases.forEach((name, took) -> line.add(String.format(Locale.ROOT, "%s %.2f s", name, took.toMillis() / 1000.0)));
        return line.toString();
    }
}
