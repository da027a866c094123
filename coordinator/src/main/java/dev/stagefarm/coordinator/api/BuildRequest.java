package dev.stagefarm.coordinator.api;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/builds}: the inputs of {@code docker build}.
 *
 * @param contextDigest hex SHA-256 of a context uploaded with {@code PUT /contexts/{sha256}}
 * @param dockerfile path of the Dockerfile in the context (default {@code Dockerfile})
 * @param target stage to build (default: the last)
 * @param buildArgs {@code --build-arg} values
 * @param platform target platform (default {@code linux/amd64})
 * @param tags image tags to give the result
 * @param outputs output specs ({@code type=local,dest=…}, {@code type=image,push=true}, …)
 * @param noCache build every stage even when a cached result exists
 * @param labels free-form labels to find the build by
 */
public record BuildRequest(
        String contextDigest,
        String dockerfile,
        String target,
        Map<String, String> buildArgs,
        String platform,
        List<String> tags,
        List<String> outputs,
        boolean noCache,
        Map<String, String> labels) {

    public BuildRequest {
        dockerfile = dockerfile == null || dockerfile.isBlank() ? "Dockerfile" : dockerfile;
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
        platform = platform == null || platform.isBlank() ? "linux/amd64" : platform;
        tags = tags == null ? List.of() : List.copyOf(tags);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
