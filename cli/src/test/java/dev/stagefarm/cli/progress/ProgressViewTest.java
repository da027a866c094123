package dev.stagefarm.cli.progress;

import static dev.stagefarm.cli.progress.BuildSnapshotTest.replay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.api.BuildView;
import dev.stagefarm.cli.api.ProgressEvent;
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
    void runningStageCountsItsFromAsStepOneOfTheStagesSteps() {
        List<String> lines = ProgressView.render(replay("three-stages-created", "three-stages-succeed", 19), 80, NOW);

        assertThat(lines).anySatisfy(line -> assertThat(line).contains("runtime  agent-b  step 1/2 FROM nginx:1.27"));
        Golden.assertMatches("runningStageCountsItsFromAsStepOneOfTheStagesSteps", lines);
    }

    @Test
    void stageOfUnknownLengthShowsItsStepNumberAlone() {
        BuildView created = Recordings.build("three-stages-created");
        List<BuildView.StageView> unknown = created.stages().stream().map(s -> new BuildView.StageView(s.index(),
                s.name(), s.state(), s.attempt(), s.dependsOn(), s.cacheKey(), s.agent(), s.queuedAt(), s.startedAt(),
                s.finishedAt(), s.failureCode(), null)).toList();
        BuildSnapshot snapshot = BuildSnapshot.of(new BuildView(created.id(), created.state(), created.contextDigest(),
                created.dockerfile(), created.target(), created.platform(), created.tags(), created.labels(),
                created.createdAt(), created.startedAt(), created.finishedAt(), created.failure(), unknown, null));
        for (ProgressEvent event : Recordings.events("three-stages-succeed")) {
            if (event.seq() <= 10) {
                snapshot = snapshot.apply(event);
            }
        }

        Golden.assertMatches("stageOfUnknownLengthShowsItsStepNumberAlone", ProgressView.render(snapshot, 80, NOW));
    }

    @Test
    void pushedImageSummaryNamesTheTagsAndTheManifestDigest() {
        String tag = "127.0.0.1:5000/team/app:1";
        String pushed = "127.0.0.1:5000/team/app@sha256:" + "d1".repeat(32);

        List<String> lines = SummaryView.render(replay("three-stages-created", "three-stages-succeed", 99),
                new BuildView.Image(pushed, List.of(tag, "127.0.0.1:5000/team/app:latest")));

        assertThat(lines).last().isEqualTo("Image: " + tag + ", 127.0.0.1:5000/team/app:latest pushed as " + pushed);
        Golden.assertMatches("pushedImageSummaryNamesTheTagsAndTheManifestDigest", lines);
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
