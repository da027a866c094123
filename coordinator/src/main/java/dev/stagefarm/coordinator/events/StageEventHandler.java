package dev.stagefarm.coordinator.events;

import dev.stagefarm.coordinator.agent.AgentRepository;
import dev.stagefarm.coordinator.build.BuildEntity;
import dev.stagefarm.coordinator.build.BuildFailure;
import dev.stagefarm.coordinator.build.BuildRepository;
import dev.stagefarm.coordinator.stage.StageRunEntity;
import dev.stagefarm.coordinator.stage.StageRunRepository;
import dev.stagefarm.coordinator.stage.StageTransitions;
import dev.stagefarm.protocol.StageEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies one stage event in one transaction: lock the build, let {@link AttemptRules} decide,
 * carry the decision out. Idempotent: the same event applied twice changes nothing the second time.
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

    @Transactional
    public Decision handle(StageEvent event) {
        Optional<UUID> buildId = uuid(event.buildId());
        Optional<UUID> runId = uuid(event.stageRunId());
        if (event instanceof StageEvent.Claimed c && c.agentId() != null) {
            agents.seen(c.agentId(), c.agent(), clock.instant());
        } else if (event instanceof StageEvent.Heartbeat h && h.agentId() != null) {
            agents.seen(h.agentId(), h.agent(), clock.instant());
        }
        Optional<BuildEntity> build = buildId.flatMap(builds::lock);
        if (build.isEmpty() || runId.isEmpty()) {
            return new Decision.Ignore("unknown build " + event.buildId());
        }
        List<StageRunEntity> stages = runs.ofBuild(build.get().id);
        StageRunEntity run = stages.stream().filter(s -> s.id.equals(runId.get())).findFirst().orElse(null);
        if (run == null) {
            return new Decision.Ignore("unknown stage run " + event.stageRunId());
        }
        Decision decision = AttemptRules.decide(
                new AttemptView(run.state, run.attempt, run.claimedBy, Integer.MAX_VALUE), event);
        apply(build.get(), stages, run, event, decision);
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
