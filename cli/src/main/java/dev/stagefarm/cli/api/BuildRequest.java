package dev.stagefarm.cli.api;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/builds}: the inputs of {@code docker build}. Field names are the
 * coordinator's. Immutable; maps keep the caller's order (it shows in the JSON).
 *
 * @param contextDigest hex SHA-256 of the uploaded context tar
 * @param dockerfile path of the Dockerfile inside the context
 * @param target stage to build, or null for the last
 * @param buildArgs {@code --build-arg} values
 * @param platform {@code os/arch[/variant]}, or null for the farm's default
 * @param tags image names to give the result
 * @param outputs output specs as the coordinator sees them ({@code type=image,push=true}, ...)
 * @param noCache build every stage even when a cached result exists
 * @param labels {@code --label} values
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
        buildArgs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(buildArgs));
        tags = List.copyOf(tags);
        outputs = List.copyOf(outputs);
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }
}
