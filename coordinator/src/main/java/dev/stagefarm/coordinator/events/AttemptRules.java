package dev.stagefarm.coordinator.events;

import dev.stagefarm.coordinator.stage.StageRunState;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.protocol.FailureCause;
import dev.stagefarm.protocol.StageEvent;

/**
 * The fencing rules of stage attempts, as a pure function of (current attempt, event). Every
 * decision is safe to take twice: once a claim is accepted the same claim is ignored, and a
 * finished stage ignores everything, so Kafka's redelivery changes nothing.
 */
public final class AttemptRules {
    private AttemptRules() {
    }

    public static Decision decide(AttemptView run, StageEvent event) {
        boolean claimer = event.agentId() != null && event.agentId().equals(run.claimedBy());
        if (event.attempt() != run.attempt()) {
            // An agent still busy with an old attempt wastes a slot: tell it, but change nothing.
            return event instanceof StageEvent.Claimed || event instanceof StageEvent.Heartbeat
                    ? new Decision.Abort(event.agentId(), "attempt " + event.attempt() + " is stale; current is "
                            + run.attempt())
                    : new Decision.Ignore("stale attempt " + event.attempt());
        }
        if (run.state().terminal()) {
            return event instanceof StageEvent.Claimed && !claimer
                    ? new Decision.Abort(event.agentId(), "stage is already " + run.state())
                    : new Decision.Ignore("stage is already " + run.state());
        }
        // Java 17: no pattern switch; the chain covers every permitted subtype of the sealed interface.
        if (event instanceof StageEvent.Claimed c) {
            return claim(run, c, claimer);
        }
        if (event instanceof StageEvent.Heartbeat) {
            return holderOnly(run, event, claimer, new Decision.Renew(false));
        }
        if (event instanceof StageEvent.Succeeded) {
            return holderOnly(run, event, claimer, new Decision.Succeed());
        }
        if (event instanceof StageEvent.Failed f) {
            return holderOnly(run, event, claimer, failure(run, f));
        }
        // StepStarted, StepFinished, LogChunk, ArtifactStored: progress from the holder.
        return holderOnly(run, event, claimer, new Decision.Renew(true));
    }

    private static Decision claim(AttemptView run, StageEvent.Claimed c, boolean claimer) {
        if (run.state() == StageRunState.QUEUED) {
            return new Decision.AcceptClaim();
        }
        if (claimer) {
            return new Decision.Ignore("claim already accepted");
        }
        return run.state() == StageRunState.RUNNING
                ? new Decision.Abort(c.agentId(), "attempt " + run.attempt() + " is held by " + run.claimedBy())
                : new Decision.Ignore("stage is " + run.state());
    }

    private static Decision holderOnly(AttemptView run, StageEvent e, boolean claimer, Decision decision) {
        if (run.state() == StageRunState.RUNNING && claimer) {
            return decision;
        }
        return run.state() == StageRunState.RUNNING
                ? new Decision.Abort(e.agentId(), "attempt " + run.attempt() + " is held by " + run.claimedBy())
                : new Decision.Ignore("no accepted claim from " + e.agentId());
    }

    private static Decision failure(AttemptView run, StageEvent.Failed f) {
        FailureCode code = f.code() != null ? f.code() : FailureCode.INTERNAL;
        if (f.cause() == FailureCause.BUILD) {
            return new Decision.FailBuild(code);
        }
        return run.attempt() < run.maxAttempts() ? new Decision.Retry(code) : new Decision.Exhausted(code);
    }
}
