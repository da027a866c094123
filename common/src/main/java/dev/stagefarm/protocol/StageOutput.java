package dev.stagefarm.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Something a stage must store for later stages.
 *
 * @param kind FILES (the listed paths, as one tar) or IMAGE (the whole image)
 * @param paths for FILES, the paths later stages copy from this one
 * @param objectKey where to store the tar
 * @param manifestKey for FILES, where to store the manifest that marks the result complete
 * @param push for IMAGE (schema 2), the references ({@code registry/name:tag}) to tag the image
 *     with and push to their registries once it is stored; empty for none. A schema-1 agent does
 *     not know the field: the coordinator notices by the missing {@code pushed} digests.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StageOutput(ArtifactKind kind, List<String> paths, String objectKey, String manifestKey,
        List<String> push) {
    public StageOutput {
        paths = paths == null ? List.of() : List.copyOf(paths);
        push = push == null ? List.of() : List.copyOf(push);
    }

    /** An output that pushes nothing. */
    public StageOutput(ArtifactKind kind, List<String> paths, String objectKey, String manifestKey) {
        this(kind, paths, objectKey, manifestKey, List.of());
    }

    /** The same output, also pushed to {@code references}. */
    public StageOutput pushedTo(List<String> references) {
        return new StageOutput(kind, paths, objectKey, manifestKey, references);
    }
}
