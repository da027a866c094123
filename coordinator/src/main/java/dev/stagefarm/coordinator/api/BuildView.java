package dev.stagefarm.coordinator.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A build as the API shows it; built from the rows by {@link BuildViews}.
 *
 * @param image the target's image once it is stored (or known from the cache), else null
 */
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

    /**
     * One stage of the build.
     *
     * @param steps its FROM and each instruction after it, as agents number their step events from
     *     0; null for builds planned before the coordinator counted them
     */
    public record StageView(int index, String name, String state, int attempt, List<Integer> dependsOn,
            String cacheKey, String agent, Instant queuedAt, Instant startedAt, Instant finishedAt,
            String failureCode, Integer steps) {
    }

    /**
     * The target's image, once stored: {@code digest} is the registry's manifest digest as
     * {@code name@sha256:…} when it was pushed (of the first tag), else its image id ({@code sha256:}
     * of the config); {@code references} are the build's tags.
     */
    public record Image(String digest, List<String> references) {
    }

    /** Why the build failed or was cancelled. */
    public record Failure(String code, String subject, String message, String step, List<String> logTail) {
    }
}
