package dev.stagefarm.coordinator.stage;

import dev.stagefarm.coordinator.build.BuildEntity;
import dev.stagefarm.coordinator.build.BuildFailure;
import dev.stagefarm.coordinator.build.BuildState;
import dev.stagefarm.coordinator.config.CoordinatorConfig;
import dev.stagefarm.coordinator.config.Json;
import dev.stagefarm.coordinator.dispatch.JobFactory;
import dev.stagefarm.coordinator.dispatch.Outbox;
import dev.stagefarm.coordinator.events.BuildEventLog;
import dev.stagefarm.coordinator.metrics.FarmMetrics;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.protocol.ControlMessage;
import dev.stagefarm.protocol.ProtocolCodec;
import dev.stagefarm.protocol.ProtocolVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies state changes to a build and its stage runs, and queues the messages they call for in
 * the outbox. Every method must run in a transaction that holds the build's lock
 * ({@code BuildRepository.lock}) and ends with {@link #publishEvents}; which change to make is
 * decided elsewhere ({@link Readiness}, {@code AttemptRules}), this class only carries it out
 * consistently.
 */
@ApplicationScoped
public class StageTransitions {
    @Inject
    Outbox outbox;
    @Inject
    JobFactory jobs;
    @Inject
    BuildEventLog log;
    @Inject
    Clock clock;
    @Inject
    CoordinatorConfig config;
    @Inject
    FarmMetrics metrics;

    /**
     * Queues every stage that became ready, and finishes the build once the target stage is done.
     * Whether a stage's result is cached was decided when the build was planned ({@link #cached}).
     */
    public void advance(BuildEntity build, List<StageRunEntity> stages) {
        if (build.state.terminal()) {
            return;
        }
        for (int index : Readiness.ready(stages.stream().map(StageRunEntity::status).toList())) {
            queue(build, at(stages, index), 1);
        }
        if (at(stages, build.targetIndex).state.done()) {
            endBuild(build, stages, BuildState.SUCCEEDED, null);
        }
    }

    /** A new stage whose result is already stored under its cache key: done without dispatch. */
    public void cached(BuildEntity build, StageRunEntity run) {
        startBuild(build);
        finishStage(build, run, StageRunState.CACHED);
    }

    /** Publishes {@code attempt} of the stage. */
    public void queue(BuildEntity build, StageRunEntity run, int attempt) {
        move(run, StageRunState.QUEUED);
        run.attempt = attempt;
        run.claimedBy = null;
        run.leaseExpiresAt = null;
        run.queuedAt = clock.instant();
        outbox.add(config.topics().stageJobs(), build.id.toString(), ProtocolCodec.encode(jobs.job(build, run)));
        log.lifecycle(build, "STAGE_QUEUED", run.stageIndex, details(run, "attempt", attempt));
    }

    /**
     * Queues the build-event messages of the changes made so far, one per build: the last call of
     * every transaction that used this class (see {@link BuildEventLog#publishLifecycle}).
     */
    public void publishEvents() {
        log.publishLifecycle();
    }

    /** The first valid claim of the current attempt: the agent holds the lease. */
    public void claim(BuildEntity build, StageRunEntity run, String agentId) {
        Instant now = clock.instant();
        move(run, StageRunState.RUNNING);
        run.claimedBy = agentId;
        run.startedAt = now;
        renew(run);
        startBuild(build);
        if (run.queuedAt != null) {
            metrics.stageClaimed(Duration.between(run.queuedAt, now));
        }
        log.lifecycle(build, "STAGE_RUNNING", run.stageIndex, details(run, "agent", agentId));
    }

    public void renew(StageRunEntity run) {
        run.leaseExpiresAt = clock.instant().plus(config.lease().timeout());
    }

    public void succeed(BuildEntity build, List<StageRunEntity> stages, StageRunEntity run) {
        if (run.pushed == null && JobFactory.outputs(run).stream().anyMatch(o -> !o.push().isEmpty())) {
            // An agent of protocol schema 1 ignores the push and succeeds: another may push it.
            retryOrExhaust(build, stages, run, FailureCode.AGENT_CANNOT_PUSH, "agent " + run.claimedBy
                    + " stored the image but reported no pushed digest (it predates pushing)");
            return;
        }
        finishStage(build, run, StageRunState.SUCCEEDED);
        advance(build, stages);
    }

    /**
     * The current attempt was lost to the farm (lease expired, agent reported an infrastructure
     * failure): the holder is told to stop, and the next attempt goes out, or the build fails when
     * the attempts are used up.
     */
    public void retryOrExhaust(BuildEntity build, List<StageRunEntity> stages, StageRunEntity run,
            FailureCode code, String message) {
        if (run.claimedBy != null) {
            abort(build, run, run.attempt, run.claimedBy, code + ": " + message);
        }
        if (run.attempt < config.lease().maxAttempts()) {
            log.lifecycle(build, "STAGE_RETRY", run.stageIndex, details(run, "code", code.name()));
            queue(build, run, run.attempt + 1);
            return;
        }
        run.failureCode = FailureCode.ATTEMPTS_EXHAUSTED.name();
        run.failureMessage = message;
        finishStage(build, run, StageRunState.FAILED);
        endBuild(build, stages, BuildState.FAILED, new BuildFailure(FailureCode.ATTEMPTS_EXHAUSTED,
                "stage " + run.displayName(), "stage " + run.displayName() + " failed " + run.attempt
                        + " attempts; last: " + code + ": " + message, null, List.of()));
    }

    /** The build itself failed in {@code run}: the build fails at once and the rest is stopped. */
    public void failBuild(BuildEntity build, List<StageRunEntity> stages, StageRunEntity run, BuildFailure failure) {
        run.failureCode = failure.code().name();
        run.failureMessage = failure.message();
        finishStage(build, run, StageRunState.FAILED);
        endBuild(build, stages, BuildState.FAILED, failure);
    }

    public void cancel(BuildEntity build, List<StageRunEntity> stages, String reason) {
        endBuild(build, stages, BuildState.CANCELLED,
                new BuildFailure(FailureCode.BUILD_CANCELLED, "build " + build.id, reason, null, List.of()));
    }

    /** Tells one agent to stop one attempt. */
    public void abort(BuildEntity build, StageRunEntity run, int attempt, String agentId, String reason) {
        outbox.add(config.topics().control(), build.id.toString(), ProtocolCodec.encode(
                new ControlMessage.AbortAttempt(ProtocolVersion.CURRENT, build.id.toString(), run.id.toString(),
                        attempt, agentId, reason, clock.instant())));
    }

    private void endBuild(BuildEntity build, List<StageRunEntity> stages, BuildState outcome, BuildFailure failure) {
        boolean agentsBusy = false;
        for (Map.Entry<Integer, StageRunState> end : Readiness.whenBuildEnds(
                stages.stream().map(StageRunEntity::status).toList()).entrySet()) {
            StageRunEntity run = at(stages, end.getKey());
            agentsBusy |= run.state == StageRunState.QUEUED || run.state == StageRunState.RUNNING;
            finishStage(build, run, end.getValue());
        }
        build.state = outcome;
        build.finishedAt = clock.instant();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", outcome.name());
        if (failure != null) {
            build.failureCode = failure.code().name();
            build.failureSubject = failure.subject();
            build.failureMessage = failure.message();
            build.failureStep = failure.step();
            build.logTail = Json.write(failure.logTail());
            details.put("code", failure.code().name());
            details.put("subject", failure.subject());
            details.put("message", failure.message());
            details.put("step", failure.step());
            details.put("logTail", failure.logTail());
        }
        if (agentsBusy) {
            outbox.add(config.topics().control(), build.id.toString(), ProtocolCodec.encode(
                    new ControlMessage.CancelBuild(ProtocolVersion.CURRENT, build.id.toString(),
                            failure != null ? failure.message() : outcome.name(), clock.instant())));
        }
        metrics.buildEnded(outcome);
        log.lifecycle(build, "BUILD_" + outcome.name(), null, details);
    }

    private void startBuild(BuildEntity build) {
        if (build.state == BuildState.QUEUED) {
            build.state = BuildState.RUNNING;
            build.startedAt = clock.instant();
            log.lifecycle(build, "BUILD_RUNNING", null, Map.of("state", BuildState.RUNNING.name()));
        }
    }

    private void finishStage(BuildEntity build, StageRunEntity run, StageRunState outcome) {
        move(run, outcome);
        run.finishedAt = clock.instant();
        run.leaseExpiresAt = null;
        metrics.stageEnded(outcome, run.startedAt == null ? null : Duration.between(run.startedAt, run.finishedAt));
        log.lifecycle(build, "STAGE_" + outcome.name(), run.stageIndex, details(run, "attempt", run.attempt));
    }

    private static void move(StageRunEntity run, StageRunState next) {
        if (!run.state.canMoveTo(next)) {
            throw new IllegalStateException("stage run " + run.id + " cannot move from " + run.state + " to " + next);
        }
        run.state = next;
    }

    private static Map<String, Object> details(StageRunEntity run, String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("stage", run.displayName());
        d.put("stageRunId", run.id.toString());
        d.put(key, value);
        return d;
    }

    private static StageRunEntity at(List<StageRunEntity> stages, int index) {
        return stages.stream().filter(s -> s.stageIndex == index).findFirst()
                .orElseThrow(() -> new IllegalStateException("no stage run for stage " + index));
    }
}
