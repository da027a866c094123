package dev.stagefarm.agent.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PhaseTimesTest {

    /** A clock that moves only when the test says so. */
    private static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void eachPhaseTakesTheTimeSinceThePreviousOneAndRepeatsAddUp() {
        SteppedClock clock = new SteppedClock();
        PhaseTimes times = new PhaseTimes(clock);
        clock.advance(Duration.ofMillis(1500));
        times.end("context");
        clock.advance(Duration.ofMillis(250));
        times.end("plan");
        clock.advance(Duration.ofSeconds(2));
        times.end("context");

        assertThat(times.phases()).containsEntry("context", Duration.ofMillis(3500))
                .containsEntry("plan", Duration.ofMillis(250));
        assertThat(times.toString()).isEqualTo("context 3.50 s, plan 0.25 s");
    }
}
