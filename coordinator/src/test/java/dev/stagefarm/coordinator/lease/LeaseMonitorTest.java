package dev.stagefarm.coordinator.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LeaseMonitorTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    /** Leases by expiry; what the requeuer receives. */
    private final List<LeaseHolder> leases = new ArrayList<>();
    private final List<LeaseHolder> requeued = new ArrayList<>();

    private LeaseMonitor monitorAt(Instant now) {
        LeaseStore store = t -> leases.stream().filter(l -> l.expiresAt().isBefore(t)).toList();
        Requeuer requeuer = (lease, t) -> {
            requeued.add(lease);
            leases.remove(lease);
        };
        return new LeaseMonitor(Clock.fixed(now, ZoneOffset.UTC), store, requeuer);
    }

    @Test
    void shouldRequeueOnlyLeasesThatRanOutBeforeNow() {
        LeaseHolder silent = new LeaseHolder(UUID.randomUUID(), UUID.randomUUID(), 1, "a", START.plusSeconds(30));
        LeaseHolder alive = new LeaseHolder(UUID.randomUUID(), UUID.randomUUID(), 1, "b", START.plusSeconds(60));
        leases.addAll(List.of(silent, alive));

        assertThat(monitorAt(START.plus(Duration.ofSeconds(29))).expire()).isEmpty();
        assertThat(monitorAt(START.plus(Duration.ofSeconds(31))).expire()).containsExactly(silent);
        assertThat(requeued).containsExactly(silent);
        assertThat(monitorAt(START.plus(Duration.ofSeconds(31))).expire()).as("expired once only").isEmpty();
    }
}
