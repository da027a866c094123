package dev.stagefarm.cli.build;

import java.util.List;

/**
 * The request-shaping flags of {@code stagefarm build} as typed, before they are checked and
 * mapped by {@link BuildRequests}. Immutable.
 */
public record BuildFlags(List<String> tags, String target, List<String> buildArgs, String platform,
        boolean noCache, List<String> labels, boolean push, boolean load, List<String> outputs) {

    public BuildFlags {
        tags = tags == null ? List.of() : List.copyOf(tags);
        buildArgs = buildArgs == null ? List.of() : List.copyOf(buildArgs);
        labels = labels == null ? List.of() : List.copyOf(labels);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }
}
