package dev.stagefarm.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Something a stage needs from an earlier stage, already stored by that stage's agent.
 *
 * @param stageIndex the producing stage
 * @param stageName its name, or null
 * @param kind {@code FILES} for paths taken with {@code COPY --from} / {@code RUN --mount from=},
 *     {@code IMAGE} when this stage builds on the producing stage ({@code FROM <stage>})
 * @param cacheKey the producing stage's cache key
 * @param objectKey where the tar (of files or of the image) is stored
 * @param paths for FILES, the paths inside the producing stage this stage reads
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StageInput(
        int stageIndex, String stageName, ArtifactKind kind, String cacheKey, String objectKey, List<String> paths) {
    public StageInput {
        paths = paths == null ? List.of() : List.copyOf(paths);
    }
}
