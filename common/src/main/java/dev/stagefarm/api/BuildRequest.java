package dev.stagefarm.api;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/builds}: the inputs of {@code docker build}. Immutable; an absent
 * list or map is empty, maps keep the caller's order.
 *
 * @param contextDigest hex SHA-256 of a context uploaded with {@code PUT /api/v1/contexts/{sha256}}
 * @param dockerfile path of the Dockerfile inside the context, or null for the coordinator's
 *     default ({@code Dockerfile})
 * @param target stage to build, or null for the last
 * @param buildArgs {@code --build-arg} values
 * @param platform {@code os/arch[/variant]}, or null for the farm's default ({@code linux/amd64})
 * @param tags image names to give the result
 * @param outputs output specs as the coordinator reads them ({@code type=local,dest=…},
 *     {@code type=image,push=true}, …)
 * @param noCache build every stage even when a cached result exists
 * @param labels free-form {@code --label} values to find the build by
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
        buildArgs = WireCopies.map(buildArgs);
        tags = WireCopies.list(tags);
        outputs = WireCopies.list(outputs);
        labels = WireCopies.map(labels);
    }
}
