package dev.stagefarm.coordinator.events;

import dev.stagefarm.coordinator.build.BuildEntity;
import dev.stagefarm.coordinator.config.CoordinatorConfig;
import dev.stagefarm.coordinator.config.Json;
import dev.stagefarm.coordinator.dispatch.Outbox;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The replayable progress log of each build (served as SSE). Lifecycle entries (build and stage
 * state changes) also go out on the build-event topic through the outbox: one message per
 * transaction and build ({@link BuildEventsMessage}), written by {@link #publishLifecycle} at the
 * end of the transaction, instead of one per entry (a claim's transaction alone logs the stage's
 * and often the build's start; a poll of events touches a build several times).
 */
@ApplicationScoped
public class BuildEventLog implements PanacheRepositoryBase<BuildEventEntity, Long> {
    private static final Logger LOG = Logger.getLogger(BuildEventLog.class);
    /** Key of the transaction's lifecycle entries not yet in the outbox, per build. */
    private static final Object UNPUBLISHED = BuildEventLog.class.getName() + ".unpublished";

    @Inject
    Clock clock;
    @Inject
    Outbox outbox;
    @Inject
    CoordinatorConfig config;
    @Inject
    TransactionSynchronizationRegistry transactions;

    /** A build or stage state change: logged, and published by {@link #publishLifecycle}. */
    public void lifecycle(BuildEntity build, String kind, Integer stageIndex, Map<String, Object> details) {
        BuildEventEntity e = append(build.id, kind, stageIndex, details);
        unpublished().computeIfAbsent(build.id, id -> new ArrayList<>())
                .add(new ProgressEvent(e.id, e.kind, e.stageIndex, e.at, e.payload));
    }

    /**
     * Queues one build-event message per build for the lifecycle entries this transaction logged so
     * far. Must be the transaction's last change: one that ends with entries left unpublished is
     * rolled back, since committing it would leave them off the topic for good.
     */
    public void publishLifecycle() {
        Map<UUID, List<ProgressEvent>> entries = current();
        if (entries == null || entries.isEmpty()) {
            return;
        }
        entries.forEach((buildId, events) -> outbox.add(config.topics().buildEvents(), buildId.toString(),
                Json.write(new BuildEventsMessage(buildId.toString(), events)).getBytes(StandardCharsets.UTF_8)));
        entries.clear();
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
        persist(e); // the pooled sequence gives the id here, before any flush
        return e;
    }

    /** The current transaction's unpublished entries, set up with their check at its first entry. */
    private Map<UUID, List<ProgressEvent>> unpublished() {
        Map<UUID, List<ProgressEvent>> entries = current();
        if (entries != null) {
            return entries;
        }
        Map<UUID, List<ProgressEvent>> created = new LinkedHashMap<>();
        transactions.putResource(UNPUBLISHED, created);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                if (!created.isEmpty()) {
                    LOG.errorf("a transaction logged lifecycle entries of builds %s without publishing them;"
                            + " rolled back", created.keySet());
                    transactions.setRollbackOnly();
                }
            }

            @Override
            public void afterCompletion(int status) {
            }
        });
        return created;
    }

    @SuppressWarnings("unchecked")
    private Map<UUID, List<ProgressEvent>> current() {
        return (Map<UUID, List<ProgressEvent>>) transactions.getResource(UNPUBLISHED);
    }
}
