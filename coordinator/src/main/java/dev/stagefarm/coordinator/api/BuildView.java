package dev.stagefarm.coordinator.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A build as the API shows it; built from the rows by {@link BuildViews}. */
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
        List<StageView> stages) {

    /** One stage of the build. */
    public record StageView(int index, String name, String state, int attempt, List<Integer> dependsOn,
            String cacheKey, String agent, Instant queuedAt, Instant startedAt, Instant finishedAt,
            String failureCode) {
    }

    /** Why the build failed or was cancelled. */
    public record Failure(String code, String subject, String message, String step, List<String> logTail) {
    }
}
