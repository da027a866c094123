package dev.stagefarm.coordinator.lease;

import java.time.Instant;
import java.util.UUID;

/** A running attempt and when its lease runs out. */
public record LeaseHolder(UUID buildId, UUID stageRunId, int attempt, String agentId, Instant expiresAt) {
}
