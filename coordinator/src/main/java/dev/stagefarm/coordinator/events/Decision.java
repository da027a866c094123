package dev.stagefarm.coordinator.events;

import dev.stagefarm.failure.FailureCode;

/** What the coordinator does with one stage event; computed by {@link AttemptRules}. */
public sealed interface Decision {

    /** Nothing changes (stale attempt, redelivery, finished stage). */
    record Ignore(String reason) implements Decision {
    }

    /** The first valid claim of the current attempt: the stage runs, the claimer holds the lease. */
    record AcceptClaim() implements Decision {
    }

    /** Another agent claims or works on an attempt it does not hold: tell it to stop. */
    record Abort(String agentId, String reason) implements Decision {
    }

    /** The holder is alive: renew its lease (and record progress events). */
    record Renew(boolean record) implements Decision {
    }

    /** The stage succeeded. */
    record Succeed() implements Decision {
    }

    /** The build failed for a reason of its own: fail it at once. */
    record FailBuild(FailureCode code) implements Decision {
    }

    /** The farm failed the attempt: publish the next attempt. */
    record Retry(FailureCode code) implements Decision {
    }

    /** The farm failed the last allowed attempt: fail the build. */
    record Exhausted(FailureCode code) implements Decision {
    }
}
