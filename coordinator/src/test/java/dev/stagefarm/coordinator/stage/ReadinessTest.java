package dev.stagefarm.coordinator.stage;

import static dev.stagefarm.coordinator.stage.StageRunState.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessTest {
    /** 0 → {1, 2} → 3. */
    private static List<StageStatus> diamond(StageRunState s0, StageRunState s1, StageRunState s2, StageRunState s3) {
        return List.of(new StageStatus(0, s0, List.of()), new StageStatus(1, s1, List.of(0)),
                new StageStatus(2, s2, List.of(0)), new StageStatus(3, s3, List.of(1, 2)));
    }

    @Test
    void onlyTheRootIsReadyAtFirst() {
        assertThat(Readiness.ready(diamond(PENDING, PENDING, PENDING, PENDING))).containsExactly(0);
    }

    @Test
    void bothMiddleStagesBecomeReadyTogether() {
        assertThat(Readiness.ready(diamond(SUCCEEDED, PENDING, PENDING, PENDING))).containsExactly(1, 2);
    }

    @Test
    void lastStageWaitsForBothMiddleStages() {
        assertThat(Readiness.ready(diamond(SUCCEEDED, SUCCEEDED, RUNNING, PENDING))).isEmpty();
        assertThat(Readiness.ready(diamond(SUCCEEDED, SUCCEEDED, CACHED, PENDING))).containsExactly(3);
    }

    @Test
    void failedDependencyNeverMakesAStageReady() {
        assertThat(Readiness.ready(diamond(SUCCEEDED, FAILED, SUCCEEDED, PENDING))).isEmpty();
    }

    @Test
    void endingBuildSkipsWaitingStagesAndCancelsActiveOnes() {
        Map<Integer, StageRunState> end = Readiness.whenBuildEnds(diamond(SUCCEEDED, FAILED, RUNNING, PENDING));
        assertThat(end).containsExactlyInAnyOrderEntriesOf(Map.of(2, CANCELLED, 3, SKIPPED));
    }

    @Test
    void terminalStatesAcceptNoTransition() {
        for (StageRunState from : List.of(SUCCEEDED, CACHED, FAILED, CANCELLED, SKIPPED)) {
            for (StageRunState to : StageRunState.values()) {
                assertThat(from.canMoveTo(to)).as(from + " → " + to).isFalse();
            }
        }
        assertThat(RUNNING.canMoveTo(QUEUED)).as("retry as the next attempt").isTrue();
        assertThat(PENDING.canMoveTo(RUNNING)).as("never run without being queued").isFalse();
    }
}
