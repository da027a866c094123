package dev.stagefarm.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A build as {@code GET /api/v1/builds/{id}} shows it (also the body of the 201 that creates one
 * and of a cancel). Immutable; lists and maps are never null.
 *
 * @param state {@code QUEUED}, {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED} or {@code CANCELLED}
 * @param failure why the build failed or was cancelled, else null
 * @param image the target's image once it is stored (or known from the cache), else null
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
        tags = WireCopies.list(tags);
        labels = WireCopies.map(labels);
        stages = WireCopies.list(stages);
    }

    /** True once the build ended (succeeded, failed or was cancelled). */
    public boolean ended() {
        return "SUCCEEDED".equals(state) || "FAILED".equals(state) || "CANCELLED".equals(state);
    }

    /**
     * One stage of the build.
     *
     * @param agent the agent that claimed its current attempt, else null
     * @param steps its FROM and each instruction after it, as agents number their step events from
     *     0; null for builds planned before the coordinator counted them
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StageView(int index, String name, String state, int attempt, List<Integer> dependsOn,
            String cacheKey, String agent, Instant queuedAt, Instant startedAt, Instant finishedAt,
            String failureCode, Integer steps) {
        public StageView {
            dependsOn = WireCopies.list(dependsOn);
        }
    }

    /** Why the build failed or was cancelled; {@code step} is the failing instruction. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Failure(String code, String subject, String message, String step, List<String> logTail) {
        public Failure {
            logTail = WireCopies.list(logTail);
        }
    }

    /**
     * The target's image, once stored: {@code digest} is the registry's manifest digest as
     * {@code name@sha256:…} when it was pushed (of the first tag), else its image id ({@code sha256:}
     * of the config); {@code references} are the build's tags.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Image(String digest, List<String> references) {
        public Image {
            references = WireCopies.list(references);
        }
    }
}
