package dev.stagefarm.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Objects;

/**
 * One attempt at one stage of one build: what the coordinator publishes on the job topic.
 * {@code (stageRunId, attempt)} fences the work: events naming an older attempt are ignored.
 *
 * @param schemaVersion {@link ProtocolVersion#CURRENT} when written
 * @param buildId the build
 * @param stageRunId the stage run (one per stage of a build, stable across attempts)
 * @param attempt 1 for the first dispatch, n+1 after an infrastructure failure
 * @param stage what to run
 * @param contextDigest hex SHA-256 of the context tar
 * @param contextKey the object key of the context tar
 * @param inputs what to fetch before running
 * @param outputs what to store after running
 * @param cacheKey the stage's cache key (outputs live under it)
 * @param platform the target platform, for example {@code linux/amd64}
 * @param noCache true when the user asked not to reuse any cached step
 * @param deadlines heartbeat and lease terms
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StageJob(
        int schemaVersion,
        String buildId,
        String stageRunId,
        int attempt,
        StageDefinition stage,
        String contextDigest,
        String contextKey,
        List<StageInput> inputs,
        List<StageOutput> outputs,
        String cacheKey,
        String platform,
        boolean noCache,
        Deadlines deadlines) {

    public StageJob {
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(stageRunId, "stageRunId");
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }
}
