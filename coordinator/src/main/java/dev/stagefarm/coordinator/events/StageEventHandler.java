package dev.stagefarm.coordinator.events;

import dev.stagefarm.coordinator.agent.AgentRepository;
import dev.stagefarm.coordinator.build.BuildEntity;
import dev.stagefarm.coordinator.build.BuildFailure;
import dev.stagefarm.coordinator.build.BuildRepository;
import dev.stagefarm.coordinator.stage.StageRunEntity;
import dev.stagefarm.coordinator.stage.StageRunRepository;
import dev.stagefarm.coordinator.stage.StageTransitions;
import dev.stagefarm.coordinator.config.Json;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.StageEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies stage events: lock the build, let {@link AttemptRules} decide, carry the decision out.
 * Idempotent: the same event applied twice changes nothing the second time.
 */
@ApplicationScoped
public class StageEventHandler {
    private static final Logger LOG = Logger.getLogger(StageEventHandler.class);

    @Inject
    BuildRepository builds;
    @Inject
    StageRunRepository runs;
    @Inject
    AgentRepository agents;
    @Inject
    StageTransitions transitions;
    @Inject
    BuildEventLog log;
    @Inject
    Clock clock;

    /** Applies one event in its own transaction. */
    @Transactional
    public Decision handle(StageEvent event) {
        return handleAll(List.of(event)).get(0);
    }

    /**
     * Applies events of one poll in ONE transaction: the builds are locked in one statement
     * and their stage runs read in one query, then each build's events are applied in the order
     * they came. Returns the decisions in event order.
     */
    @Transactional
    public List<Decision> handleAll(List<StageEvent> events) {
        Map<String, StageEvent> sightings = new LinkedHashMap<>();
        Map<UUID, List<Integer>> byBuild = new TreeMap<>();
        Decision[] decisions = new Decision[events.size()];
        for (int i = 0; i < events.size(); i++) {
            StageEvent event = events.get(i);
            if ((event instanceof StageEvent.Claimed || event instanceof StageEvent.Heartbeat)
                    && event.agentId() != null) {
                sightings.put(event.agentId(), event);
            }
            Optional<UUID> buildId = uuid(event.buildId());
            if (buildId.isPresent() && uuid(event.stageRunId()).isPresent()) {
                byBuild.computeIfAbsent(buildId.get(), b -> new ArrayList<>()).add(i);
            } else {
                decisions[i] = new Decision.Ignore("unknown build " + event.buildId());
            }
        }
        Instant now = clock.instant();
        sightings.values().forEach(e -> agents.seen(e.agentId(), e instanceof StageEvent.Claimed c ? c.agent()
                : ((StageEvent.Heartbeat) e).agent(), now));
        if (!byBuild.isEmpty()) {
            Map<UUID, BuildEntity> locked = new HashMap<>();
            builds.lockAll(byBuild.keySet()).forEach(b -> locked.put(b.id, b));
            Map<UUID, List<StageRunEntity>> stageRuns = runs.ofBuilds(locked.keySet());
            for (Map.Entry<UUID, List<Integer>> entry : byBuild.entrySet()) {
                BuildEntity build = locked.get(entry.getKey());
                for (int i : entry.getValue()) {
                    decisions[i] = build == null ? new Decision.Ignore("unknown build " + entry.getKey())
                            : decide(build, stageRuns.getOrDefault(build.id, List.of()), events.get(i));
                }
            }
        }
        transitions.publishEvents();
        return List.of(decisions);
    }

    private Decision decide(BuildEntity build, List<StageRunEntity> stages, StageEvent event) {
        UUID runId = UUID.fromString(event.stageRunId());
        StageRunEntity run = stages.stream().filter(s -> s.id.equals(runId)).findFirst().orElse(null);
        if (run == null) {
            return new Decision.Ignore("unknown stage run " + event.stageRunId());
        }
        Decision decision = AttemptRules.decide(
                new AttemptView(run.state, run.attempt, run.claimedBy, Integer.MAX_VALUE), event);
        apply(build, stages, run, event, decision);
        return decision;
    }

    private void apply(BuildEntity build, List<StageRunEntity> stages, StageRunEntity run, StageEvent event,
            Decision decision) {
        if (decision instanceof Decision.AcceptClaim) {
            transitions.claim(build, run, event.agentId());
        } else if (decision instanceof Decision.Abort abort) {
            transitions.abort(build, run, event.attempt(), abort.agentId(), abort.reason());
        } else if (decision instanceof Decision.Renew renew) {
            transitions.renew(run);
            if (event instanceof StageEvent.ArtifactStored stored && stored.kind() == ArtifactKind.IMAGE) {
                run.imageId = stored.imageId();
                run.pushed = stored.pushed().isEmpty() ? null : Json.write(stored.pushed());
            }
            if (renew.record()) {
                recordProgress(build, run, event);
            }
        } else if (decision instanceof Decision.Succeed) {
            transitions.succeed(build, stages, run);
        } else if (decision instanceof Decision.FailBuild) {
            StageEvent.Failed f = (StageEvent.Failed) event;
            transitions.failBuild(build, stages, run, new BuildFailure(f.code(),
                    f.subject() != null ? f.subject() : "stage " + run.displayName(), f.message(), f.instruction(),
                    f.logTail()));
        } else if (decision instanceof Decision.Retry || decision instanceof Decision.Exhausted) {
            // AttemptRules was given no attempt limit: the limit is applied in one place, here.
            StageEvent.Failed f = (StageEvent.Failed) event;
            transitions.retryOrExhaust(build, stages, run, f.code(), f.message());
        } else if (decision instanceof Decision.Ignore ignore) {
            LOG.debugf("ignored %s for %s/%d: %s", event.getClass().getSimpleName(), event.stageRunId(),
                    event.attempt(), ignore.reason());
        }
    }

    private void recordProgress(BuildEntity build, StageRunEntity run, StageEvent event) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("stage", run.displayName());
        d.put("attempt", event.attempt());
        String kind;
        if (event instanceof StageEvent.StepStarted s) {
            kind = "STEP_STARTED";
            d.put("step", s.step());
            d.put("instruction", s.instruction());
        } else if (event instanceof StageEvent.StepFinished s) {
            kind = "STEP_FINISHED";
            d.put("step", s.step());
            d.put("cached", s.cached());
            d.put("durationMillis", s.durationMillis());
        } else if (event instanceof StageEvent.LogChunk l) {
            kind = "LOG";
            d.put("step", l.step());
            d.put("stream", l.stream());
            d.put("sequence", l.sequence());
            d.put("text", l.text());
        } else {
            StageEvent.ArtifactStored a = (StageEvent.ArtifactStored) event;
            kind = "ARTIFACT_STORED";
            d.put("objectKey", a.objectKey());
            d.put("size", a.size());
        }
        log.progress(build.id, kind, run.stageIndex, d);
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
