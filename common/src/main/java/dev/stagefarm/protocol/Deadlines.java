package dev.stagefarm.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * The lease terms of one attempt.
 *
 * @param heartbeatIntervalMillis how often the agent must send a {@link StageEvent.Heartbeat}
 * @param leaseTimeoutMillis after this long without a heartbeat the coordinator gives the stage
 *     to another attempt; the agent should stop by then
 * @param finishBy the attempt is abandoned at this time however it is doing
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Deadlines(long heartbeatIntervalMillis, long leaseTimeoutMillis, Instant finishBy) {
}
