package dev.stagefarm.coordinator.api;

import com.fasterxml.jackson.core.type.TypeReference;
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
        return new BuildView(b.id.toString(), b.state.name(), b.contextDigest, b.dockerfilePath, b.target,
                b.platform, Json.read(b.tags, STRINGS), Json.read(b.labels, MAP), b.createdAt, b.startedAt,
                b.finishedAt, failure, stages.stream().map(BuildViews::stage).toList());
    }

    private static BuildView.StageView stage(StageRunEntity s) {
        return new BuildView.StageView(s.stageIndex, s.stageName, s.state.name(), s.attempt, s.dependsOnList(),
                s.cacheKey, s.claimedBy, s.queuedAt, s.startedAt, s.finishedAt, s.failureCode);
    }
}
