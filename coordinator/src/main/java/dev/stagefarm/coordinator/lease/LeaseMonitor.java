package dev.stagefarm.coordinator.lease;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Expires leases whose holder stopped heartbeating. Pure orchestration over a clock, a store and
 * a requeuer, so tests drive it with a fixed clock. Not thread-safe: one caller at a time (the
 * scheduler runs it without overlap).
 */
public final class LeaseMonitor {
    private final Clock clock;
    private final LeaseStore store;
    private final Requeuer requeuer;

    public LeaseMonitor(Clock clock, LeaseStore store, Requeuer requeuer) {
        this.clock = Objects.requireNonNull(clock);
        this.store = Objects.requireNonNull(store);
        this.requeuer = Objects.requireNonNull(requeuer);
    }

    /** Expires every lease that ended before now; returns those handed on. */
    public List<LeaseHolder> expire() {
        Instant now = clock.instant();
        List<LeaseHolder> expired = store.expiredAt(now);
        for (LeaseHolder lease : expired) {
            requeuer.leaseExpired(lease, now);
        }
        return expired;
    }
}
