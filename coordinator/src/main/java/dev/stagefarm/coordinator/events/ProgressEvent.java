package dev.stagefarm.coordinator.events;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * One entry of a build's progress stream (SSE).
 *
 * @param seq increasing per coordinator; a client resumes after the last it saw
 * @param kind BUILD_*, STAGE_*, STEP_STARTED, STEP_FINISHED, LOG, ARTIFACT_STORED
 * @param stageIndex the stage it is about, or null for the build
 * @param details kind-specific JSON object
 */
public record ProgressEvent(long seq, String kind, Integer stageIndex, Instant time, @JsonRawValue String details) {

    /** True for the entry that ends a build's stream. */
    public boolean ends() {
        return kind.equals("BUILD_SUCCEEDED") || kind.equals("BUILD_FAILED") || kind.equals("BUILD_CANCELLED");
    }
}
