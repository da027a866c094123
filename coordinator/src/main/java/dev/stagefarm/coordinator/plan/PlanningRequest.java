package dev.stagefarm.coordinator.plan;

import java.util.Map;

/**
 * Everything planning depends on; the same request always gives the same graph.
 *
 * @param contextDigest hex SHA-256 of the context tar
 * @param dockerfilePath the Dockerfile's path inside the context (for messages)
 * @param dockerfile the Dockerfile's text
 * @param target the target stage name, or null for the last stage
 * @param buildArgs {@code --build-arg} values
 * @param platform target platform, for example {@code linux/amd64}
 */
public record PlanningRequest(
        String contextDigest,
        String dockerfilePath,
        String dockerfile,
        String target,
        Map<String, String> buildArgs,
        String platform) {

    public PlanningRequest {
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
    }
}
