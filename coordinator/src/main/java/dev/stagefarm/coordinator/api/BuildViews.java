package dev.stagefarm.coordinator.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stagefarm.api.BuildView;
import dev.stagefarm.coordinator.build.BuildEntity;
import dev.stagefarm.coordinator.config.Json;
import dev.stagefarm.coordinator.stage.StageRunEntity;
import java.util.List;
import java.util.Map;

/** Maps rows to API views, so no entity ever leaves the coordinator. */
final class BuildViews {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    private BuildViews() {
    }

    static BuildView of(BuildEntity b, List<StageRunEntity> stages) {
        BuildView.Failure failure = b.failureCode == null ? null
                : new BuildView.Failure(b.failureCode, b.failureSubject, b.failureMessage, b.failureStep,
                        b.logTail == null ? List.of() : Json.read(b.logTail, STRINGS));
        List<String> tags = Json.read(b.tags, STRINGS);
        return new BuildView(b.id.toString(), b.state.name(), b.contextDigest, b.dockerfilePath, b.target,
                b.platform, tags, Json.read(b.labels, MAP), b.createdAt, b.startedAt,
                b.finishedAt, failure, stages.stream().map(BuildViews::stage).toList(),
                stages.stream().filter(s -> s.stageIndex == b.targetIndex).findFirst()
                        .map(target -> image(target, tags)).orElse(null));
    }

    private static BuildView.StageView stage(StageRunEntity s) {
        return new BuildView.StageView(s.stageIndex, s.stageName, s.state.name(), s.attempt, s.dependsOnList(),
                s.cacheKey, s.claimedBy, s.queuedAt, s.startedAt, s.finishedAt, s.failureCode, s.steps);
    }

    private static BuildView.Image image(StageRunEntity target, List<String> tags) {
        List<String> pushed = target.pushed == null ? List.of() : Json.read(target.pushed, STRINGS);
        String digest = !pushed.isEmpty() ? pushed.get(0) : target.imageId;
        return digest == null ? null : new BuildView.Image(digest, tags);
    }
}
