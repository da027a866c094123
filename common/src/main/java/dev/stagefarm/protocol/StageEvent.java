package dev.stagefarm.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.stagefarm.failure.FailureCode;
import java.time.Instant;
import java.util.List;

/**
 * What an agent reports about one attempt of a stage, on the stage-event topic keyed by build id.
 * The set is closed so the coordinator handles every kind in one exhaustive switch. Every event
 * names the build, the stage run, the attempt and the agent, so a stale or foreign event can be
 * recognised and ignored; Kafka may deliver any event more than once.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StageEvent.Claimed.class, name = "CLAIMED"),
    @JsonSubTypes.Type(value = StageEvent.Heartbeat.class, name = "HEARTBEAT"),
    @JsonSubTypes.Type(value = StageEvent.StepStarted.class, name = "STEP_STARTED"),
    @JsonSubTypes.Type(value = StageEvent.StepFinished.class, name = "STEP_FINISHED"),
    @JsonSubTypes.Type(value = StageEvent.LogChunk.class, name = "LOG_CHUNK"),
    @JsonSubTypes.Type(value = StageEvent.ArtifactStored.class, name = "ARTIFACT_STORED"),
    @JsonSubTypes.Type(value = StageEvent.Succeeded.class, name = "SUCCEEDED"),
    @JsonSubTypes.Type(value = StageEvent.Failed.class, name = "FAILED")
})
public sealed interface StageEvent {

    int schemaVersion();

    String buildId();

    String stageRunId();

    int attempt();

    String agentId();

    Instant time();

    /** The agent took the job and will run it; sent with acks=all before it acknowledges the record. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Claimed(int schemaVersion, String buildId, String stageRunId, int attempt, String agentId, Instant time,
            AgentInfo agent) implements StageEvent {
    }

    /** The attempt is still alive; renews its lease. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Heartbeat(int schemaVersion, String buildId, String stageRunId, int attempt, String agentId, Instant time,
            AgentInfo agent) implements StageEvent {
    }

    /**
     * A step (one instruction) started.
     *
     * @param step 0-based position of the instruction in the stage
     * @param instruction the instruction as shown to the user
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StepStarted(int schemaVersion, String buildId, String stageRunId, int attempt, String agentId, Instant time,
            int step, String instruction) implements StageEvent {
    }

    /** A step finished; {@code cached} when the agent reused an earlier result instead of running it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StepFinished(int schemaVersion, String buildId, String stageRunId, int attempt, String agentId, Instant time,
            int step, boolean cached, long durationMillis) implements StageEvent {
    }

    /**
     * A piece of a step's output.
     *
     * @param stream {@code stdout} or {@code stderr}
     * @param sequence increasing per attempt, so a reader can drop redelivered chunks
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LogChunk(int schemaVersion, String buildId, String stageRunId, int attempt, String agentId, Instant time,
            int step, String stream, long sequence, String text) implements StageEvent {
    }

    /**
     * An output of the stage is stored in object storage.
     *
     * @param imageId for IMAGE (schema 2), the image id ({@code sha256:} of its config), else null
     * @param pushed for IMAGE with a push (schema 2), one {@code name@sha256:…} per pushed reference,
     *     the manifest digest the registry stored, in the order of the output's {@code push}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ArtifactStored(int schemaVersion, String buildId, String stageRunId, int attempt, String agentId,
            Instant time, ArtifactKind kind, String objectKey, long size, String sha256, String imageId,
            List<String> pushed) implements StageEvent {
        public ArtifactStored {
            pushed = pushed == null ? List.of() : List.copyOf(pushed);
        }

        /** A stored object that is no image (or whose id is not told). */
        public ArtifactStored(int schemaVersion, String buildId, String stageRunId, int attempt, String agentId,
                Instant time, ArtifactKind kind, String objectKey, long size, String sha256) {
            this(schemaVersion, buildId, stageRunId, attempt, agentId, time, kind, objectKey, size, sha256, null,
                    List.of());
        }
    }

    /** The stage finished and every output is stored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Succeeded(int schemaVersion, String buildId, String stageRunId, int attempt, String agentId, Instant time,
            List<String> objectKeys, long durationMillis) implements StageEvent {
        public Succeeded {
            objectKeys = objectKeys == null ? List.of() : List.copyOf(objectKeys);
        }
    }

    /**
     * The attempt failed.
     *
     * @param cause BUILD fails the build; INFRASTRUCTURE lets the coordinator try again
     * @param code the catalogue code
     * @param subject what the failure is about ({@code Dockerfile:12}, an object key, ...)
     * @param step the failing step, or -1 when the failure is not about one step
     * @param instruction the failing instruction, or null
     * @param logTail the last lines of the failing step's output
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Failed(int schemaVersion, String buildId, String stageRunId, int attempt, String agentId, Instant time,
            FailureCause cause, FailureCode code, String subject, String message, int step, String instruction,
            List<String> logTail) implements StageEvent {
        public Failed {
            logTail = logTail == null ? List.of() : List.copyOf(logTail);
        }
    }
}
