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
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StageOutput(ArtifactKind kind, List<String> paths, String objectKey, String manifestKey) {
    public StageOutput {
        paths = paths == null ? List.of() : List.copyOf(paths);
    }
}
