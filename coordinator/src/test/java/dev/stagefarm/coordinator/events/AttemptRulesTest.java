package dev.stagefarm.coordinator.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.coordinator.stage.StageRunState;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.protocol.FailureCause;
import dev.stagefarm.protocol.StageEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptRulesTest {
    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    private static StageEvent.Claimed claim(int attempt, String agent) {
        return new StageEvent.Claimed(1, "b", "r", attempt, agent, T, null);
    }

    private static StageEvent.Failed failed(int attempt, String agent, FailureCause cause) {
        return new StageEvent.Failed(1, "b", "r", attempt, agent, T, cause,
                cause == FailureCause.BUILD ? FailureCode.RUN_EXIT_NONZERO : FailureCode.DOCKER_DAEMON, "Dockerfile:3",
                "boom", 2, "RUN make", List.of("x"));
    }

    @Test
    void firstClaimOfQueuedAttemptIsAccepted() {
        assertThat(AttemptRules.decide(new AttemptView(StageRunState.QUEUED, 1, null, 3), claim(1, "a")))
                .isInstanceOf(Decision.AcceptClaim.class);
    }

    @Test
    void secondClaimerOfRunningAttemptIsToldToAbort() {
        Decision d = AttemptRules.decide(new AttemptView(StageRunState.RUNNING, 1, "a", 3), claim(1, "b"));
        assertThat(d).isEqualTo(new Decision.Abort("b", "attempt 1 is held by a"));
    }

    @Test
    void redeliveredClaimOfTheHolderChangesNothing() {
        assertThat(AttemptRules.decide(new AttemptView(StageRunState.RUNNING, 1, "a", 3), claim(1, "a")))
                .isInstanceOf(Decision.Ignore.class);
    }

    @Test
    void claimForAnOldAttemptIsNotAcceptedAndItsAgentIsStopped() {
        Decision d = AttemptRules.decide(new AttemptView(StageRunState.QUEUED, 2, null, 3), claim(1, "a"));
        assertThat(d).isInstanceOf(Decision.Abort.class);
    }

    @Test
    void successOfAnOldAttemptIsIgnored() {
        StageEvent ok = new StageEvent.Succeeded(1, "b", "r", 1, "a", T, List.of(), 5);
        assertThat(AttemptRules.decide(new AttemptView(StageRunState.RUNNING, 2, "c", 3), ok))
                .isInstanceOf(Decision.Ignore.class);
    }

    @Test
    void anyEventForAFinishedStageIsIgnored() {
        StageEvent ok = new StageEvent.Succeeded(1, "b", "r", 1, "a", T, List.of(), 5);
        assertThat(AttemptRules.decide(new AttemptView(StageRunState.SUCCEEDED, 1, "a", 3), ok))
                .isInstanceOf(Decision.Ignore.class);
    }

    @Test
    void buildFailureFailsTheBuildWhateverTheAttempt() {
        assertThat(AttemptRules.decide(new AttemptView(StageRunState.RUNNING, 1, "a", 3),
                failed(1, "a", FailureCause.BUILD))).isEqualTo(new Decision.FailBuild(FailureCode.RUN_EXIT_NONZERO));
    }

    @Test
    void infrastructureFailureRetriesUntilAttemptsAreUsedUp() {
        assertThat(AttemptRules.decide(new AttemptView(StageRunState.RUNNING, 2, "a", 3),
                failed(2, "a", FailureCause.INFRASTRUCTURE))).isInstanceOf(Decision.Retry.class);
        assertThat(AttemptRules.decide(new AttemptView(StageRunState.RUNNING, 3, "a", 3),
                failed(3, "a", FailureCause.INFRASTRUCTURE))).isInstanceOf(Decision.Exhausted.class);
    }

    @Test
    void heartbeatOfTheHolderRenewsWithoutRecording() {
        StageEvent hb = new StageEvent.Heartbeat(1, "b", "r", 1, "a", T, null);
        assertThat(AttemptRules.decide(new AttemptView(StageRunState.RUNNING, 1, "a", 3), hb))
                .isEqualTo(new Decision.Renew(false));
    }

    @Test
    void progressFromAnAgentThatIsNotTheHolderStopsThatAgent() {
        StageEvent step = new StageEvent.StepStarted(1, "b", "r", 1, "x", T, 0, "RUN a");
        assertThat(AttemptRules.decide(new AttemptView(StageRunState.RUNNING, 1, "a", 3), step))
                .isInstanceOf(Decision.Abort.class);
    }
}
