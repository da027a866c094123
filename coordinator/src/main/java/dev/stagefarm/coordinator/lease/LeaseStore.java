package dev.stagefarm.coordinator.lease;

import java.time.Instant;
import java.util.List;

/** Where the monitor finds leases. */
public interface LeaseStore {
    /** The running attempts whose lease ended before {@code now}. */
    List<LeaseHolder> expiredAt(Instant now);
}
