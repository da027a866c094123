package dev.stagefarm.coordinator.events;

import dev.stagefarm.coordinator.build.BuildEntity;
import dev.stagefarm.coordinator.config.CoordinatorConfig;
import dev.stagefarm.coordinator.config.Json;
import dev.stagefarm.coordinator.dispatch.Outbox;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The replayable progress log of each build (served as SSE). Lifecycle entries (build and stage
 * state changes) also go out on the build-event topic through the outbox.
 */
@ApplicationScoped
public class BuildEventLog implements PanacheRepositoryBase<BuildEventEntity, Long> {
    @Inject
    Clock clock;
    @Inject
    Outbox outbox;
    @Inject
    CoordinatorConfig config;

    /** A build or stage state change: logged and published. */
    public void lifecycle(BuildEntity build, String kind, Integer stageIndex, Map<String, Object> details) {
        BuildEventEntity e = append(build.id, kind, stageIndex, details);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("buildId", build.id.toString());
        message.put("kind", kind);
        message.put("stageIndex", stageIndex);
        message.put("time", e.at.toString());
        message.putAll(details);
        outbox.add(config.topics().buildEvents(), build.id.toString(),
                Json.write(message).getBytes(StandardCharsets.UTF_8));
    }

    /** Progress of a step or a log chunk: logged for subscribers only. */
    public void progress(UUID buildId, String kind, Integer stageIndex, Map<String, Object> details) {
        append(buildId, kind, stageIndex, details);
    }

    /** Entries of one build after {@code afterId}, oldest first. */
    public List<BuildEventEntity> since(UUID buildId, long afterId, int limit) {
        return find("buildId = ?1 and id > ?2 order by id", buildId, afterId).page(0, limit).list();
    }

    private BuildEventEntity append(UUID buildId, String kind, Integer stageIndex, Map<String, Object> details) {
        BuildEventEntity e = new BuildEventEntity();
        e.buildId = buildId;
        e.kind = kind;
        e.stageIndex = stageIndex;
        e.payload = Json.write(details);
        e.at = clock.instant();
        persist(e);
        return e;
    }
}
