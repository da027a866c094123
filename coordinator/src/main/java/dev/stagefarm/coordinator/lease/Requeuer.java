package dev.stagefarm.coordinator.lease;

import java.time.Instant;

/** What happens to an attempt whose lease expired. */
public interface Requeuer {
    /**
     * Gives the stage to the next attempt (or fails the build when attempts are used up). Must do
     * nothing when the attempt has moved on since the lease was read, or was renewed after {@code now}.
     */
    void leaseExpired(LeaseHolder lease, Instant now);
}
