package dev.stagefarm.cli.progress;

import static dev.stagefarm.cli.progress.BuildSnapshotTest.replay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.cli.testing.Golden;
import dev.stagefarm.cli.testing.Recordings;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProgressViewTest {
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:04Z");

    @ParameterizedTest
    @ValueSource(ints = {100, 60, 40})
    void runningStageShowsStepAgentElapsedAndLastLogLines(int width) {
        List<String> lines = ProgressView.render(replay("three-stages-created", "three-stages-succeed", 10), width, NOW);

        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
        assertThat(String.join("", lines)).doesNotContain("\u001b");
        Golden.assertMatches("runningStageShowsStepAgentElapsedAndLastLogLines-" + width, lines);
    }

    @Test
    void finishedStagesCollapseToOneLineEach() {
        List<String> lines = ProgressView.render(replay("three-stages-created", "three-stages-succeed", 99), 100, NOW);

        assertThat(lines).hasSize(4);
        Golden.assertMatches("finishedStagesCollapseToOneLineEach", lines);
    }

    @Test
    void plannedBuildShowsWaitingStages() {
        Golden.assertMatches("plannedBuildShowsWaitingStages",
                ProgressView.render(BuildSnapshot.of(Recordings.build("three-stages-created")), 80, NOW));
    }

    @Test
    void failedBuildShowsTheFailingStepAndCancelledStage() {
        Golden.assertMatches("failedBuildShowsTheFailingStepAndCancelledStage",
                ProgressView.render(replay("retry-then-fail-created", "retry-then-fail", 99), 80, NOW));
    }

    @Test
    void retriedStageShowsItsNewAgent() {
        Golden.assertMatches("retriedStageShowsItsNewAgent",
                ProgressView.render(replay("retry-then-fail-created", "retry-then-fail", 14), 80, NOW));
    }
}
