package dev.stagefarm.cli.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A build as {@code GET /api/v1/builds/{id}} shows it (also the body of the 201 that creates one).
 * Immutable; lists and maps are never null.
 *
 * @param image the result image, once the coordinator reports it (null before, or when it does not)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BuildView(
        String id,
        String state,
        String contextDigest,
        String dockerfile,
        String target,
        String platform,
        List<String> tags,
        Map<String, String> labels,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Failure failure,
        List<StageView> stages,
        Image image) {

    public BuildView {
        tags = tags == null ? List.of() : List.copyOf(tags);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    /** True once the build ended (succeeded, failed or was cancelled). */
    public boolean ended() {
        return "SUCCEEDED".equals(state) || "FAILED".equals(state) || "CANCELLED".equals(state);
    }

    /**
     * One stage of the build.
     *
     * @param steps how many instructions the stage has, or null when the coordinator does not say
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StageView(int index, String name, String state, int attempt, List<Integer> dependsOn,
            String cacheKey, String agent, Instant queuedAt, Instant startedAt, Instant finishedAt,
            String failureCode, Integer steps) {
        public StageView {
            dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        }
    }

    /** Why the build failed or was cancelled; {@code step} is the failing instruction. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Failure(String code, String subject, String message, String step, List<String> logTail) {
        public Failure {
            logTail = logTail == null ? List.of() : List.copyOf(logTail);
        }
    }

    /** The image the build produced: its digest and the references it was given. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Image(String digest, List<String> references) {
        public Image {
            references = references == null ? List.of() : List.copyOf(references);
        }
    }
}
