package dev.stagefarm.coordinator.plan;

import dev.stagefarm.context.ContextManifest;
import java.util.List;
import java.util.Map;

/**
 * Everything planning depends on; the same request always gives the same graph.
 *
 * @param dockerfilePath the Dockerfile's path inside the context, exactly as the build names it
 *     (agents parse the file under this name, and it is part of the cache keys' inputs)
 * @param dockerfile the Dockerfile's text
 * @param context the manifest of the stored context tar (file digests, hidden build files)
 * @param target the target stage name, or null for the last stage
 * @param buildArgs {@code --build-arg} values
 * @param platform target platform, for example {@code linux/amd64}, or null for the default
 * @param outputs the build's output specs ({@code type=docker}, {@code type=local}, ...)
 */
public record PlanningRequest(
        String dockerfilePath,
        String dockerfile,
        ContextManifest context,
        String target,
        Map<String, String> buildArgs,
        String platform,
        List<String> outputs) {

    public PlanningRequest {
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }
}
