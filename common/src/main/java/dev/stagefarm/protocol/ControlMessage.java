package dev.stagefarm.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * Coordinator → agents, on the control topic keyed by build id. Every agent reads every message
 * and acts on those about work it is running.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ControlMessage.AbortAttempt.class, name = "ABORT_ATTEMPT"),
    @JsonSubTypes.Type(value = ControlMessage.CancelBuild.class, name = "CANCEL_BUILD")
})
public sealed interface ControlMessage {

    int schemaVersion();

    String buildId();

    Instant time();

    /**
     * Stop one attempt on one agent: it lost the claim race, or its lease expired and the stage
     * went to another attempt. The agent must not report a result for it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AbortAttempt(int schemaVersion, String buildId, String stageRunId, int attempt, String agentId,
            String reason, Instant time) implements ControlMessage {
    }

    /** The build is over (cancelled by a user, or failed elsewhere): stop every stage of it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CancelBuild(int schemaVersion, String buildId, String reason, Instant time) implements ControlMessage {
    }
}
