package dev.stagefarm.cli.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;

/**
 * One entry of a build's progress stream ({@code GET /api/v1/builds/{id}/events}, one SSE
 * {@code data} line each). Immutable.
 *
 * @param seq increasing within a build; a client resumes after the last it saw
 * @param kind {@code BUILD_*}, {@code STAGE_*}, {@code STEP_STARTED}, {@code STEP_FINISHED},
 *     {@code LOG}, {@code ARTIFACT_STORED}
 * @param stageIndex the stage it is about, or null for the build
 * @param details kind-specific fields (never null; an empty object when absent)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProgressEvent(long seq, String kind, Integer stageIndex, Instant time, JsonNode details) {

    public ProgressEvent {
        details = details == null || details.isNull() ? JsonNodeFactory.instance.objectNode() : details;
    }

    /** True for the entry that ends a build's stream. */
    public boolean ends() {
        return "BUILD_SUCCEEDED".equals(kind) || "BUILD_FAILED".equals(kind) || "BUILD_CANCELLED".equals(kind);
    }

    /** A text field of {@link #details}, or null. */
    public String text(String field) {
        JsonNode node = details.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    /** An integer field of {@link #details}, or {@code otherwise}. */
    public long number(String field, long otherwise) {
        JsonNode node = details.get(field);
        return node == null || !node.canConvertToLong() ? otherwise : node.asLong();
    }

    /** A boolean field of {@link #details}; false when absent. */
    public boolean flag(String field) {
        JsonNode node = details.get(field);
        return node != null && node.asBoolean(false);
    }
}
