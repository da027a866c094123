package dev.stagefarm.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.api.BuildView;
import dev.stagefarm.cli.api.ProgressEvent;
import dev.stagefarm.cli.testing.Recordings;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildSnapshotTest {

    static BuildSnapshot replay(String build, String stream, long untilSeq) {
        BuildSnapshot snapshot = BuildSnapshot.of(Recordings.build(build));
        for (ProgressEvent event : Recordings.events(stream)) {
            if (event.seq() <= untilSeq) {
                snapshot = snapshot.apply(event);
            }
        }
        return snapshot;
    }

    @Test
    void plannedStagesStartFromTheCreatedBuild() {
        BuildSnapshot snapshot = BuildSnapshot.of(Recordings.build("three-stages-created"));

        assertThat(snapshot.state()).isEqualTo("QUEUED");
        assertThat(snapshot.stages()).extracting(StageSnapshot::name).containsExactly("base", "builder", "runtime");
        assertThat(snapshot.stages()).extracting(StageSnapshot::totalSteps).containsExactly(2, 3, 2);
    }

    @Test
    void stageWithoutANameIsCalledStageNAsBuildKitCallsIt() {
        BuildView.StageView unnamed = new BuildView.StageView(3, null, "PENDING", 1, List.of(), null, null, null,
                null, null, null, 4);

        assertThat(BuildSnapshot.displayName(unnamed)).isEqualTo("stage-3");
    }

    @Test
    void runningStageTracksAgentStepAndCompleteLogLines() {
        BuildSnapshot snapshot = replay("three-stages-created", "three-stages-succeed", 10);
        StageSnapshot builder = snapshot.stage(1);

        assertThat(snapshot.state()).isEqualTo("RUNNING");
        assertThat(builder.state()).isEqualTo("RUNNING");
        assertThat(builder.agent()).isEqualTo("agent-a");
        assertThat(builder.step()).isEqualTo(1);
        assertThat(builder.instruction()).isEqualTo("RUN npm ci");
        assertThat(builder.stepsDone()).isEqualTo(1);
        assertThat(builder.stepsCached()).isEqualTo(1);
        // a chunk split in the middle of a line is joined; a CR-redrawn line keeps its last drawing
        assertThat(builder.logTail()).containsExactly("added 120 packages", "progress 100%", "audited 121 packages",
                "\u001b[32mfound 0 vulnerabilities\u001b[0m");
        assertThat(builder.partialLine()).isEmpty();
    }

    @Test
    void partialLineIsShownUntilItsNewlineArrives() {
        StageSnapshot builder = replay("three-stages-created", "three-stages-succeed", 9).stage(1);

        assertThat(builder.partialLine()).isEqualTo("audited 121 pack");
        assertThat(builder.lastLines(2)).containsExactly("progress 100%", "audited 121 pack");
    }

    @Test
    void newStepStartsWithAnEmptyLog() {
        StageSnapshot builder = replay("three-stages-created", "three-stages-succeed", 12).stage(1);

        assertThat(builder.step()).isEqualTo(2);
        assertThat(builder.logTail()).isEmpty();
    }

    @Test
    void cachedAndSucceededStagesEndTheBuild() {
        BuildSnapshot snapshot = replay("three-stages-created", "three-stages-succeed", Long.MAX_VALUE);

        assertThat(snapshot.ended()).isTrue();
        assertThat(snapshot.state()).isEqualTo("SUCCEEDED");
        assertThat(snapshot.stages()).extracting(StageSnapshot::state).containsExactly("CACHED", "SUCCEEDED", "SUCCEEDED");
        assertThat(snapshot.stages()).allMatch(StageSnapshot::finished);
        assertThat(snapshot.lastSeq()).isEqualTo(24);
        assertThat(snapshot.failure()).isNull();
    }

    @Test
    void retryStartsAFreshAttemptAndIgnoresTheLostAttemptsLogs() {
        StageSnapshot deps = replay("retry-then-fail-created", "retry-then-fail", 11).stage(0);

        assertThat(deps.attempt()).isEqualTo(2);
        assertThat(deps.agent()).isEqualTo("agent-c");
        assertThat(deps.logTail()).isEmpty();
        assertThat(deps.step()).isZero();
    }

    @Test
    void failedBuildCarriesCodeStepAndLogTail() {
        BuildSnapshot snapshot = replay("retry-then-fail-created", "retry-then-fail", Long.MAX_VALUE);

        assertThat(snapshot.state()).isEqualTo("FAILED");
        assertThat(snapshot.failure().code()).isEqualTo("RUN_EXIT_NONZERO");
        assertThat(snapshot.failure().step()).isEqualTo("RUN npm test");
        assertThat(snapshot.failure().logTail()).containsExactly("> jest", "FAIL src/app.test.js",
                "  expected 2, received 3");
        assertThat(snapshot.stages()).extracting(StageSnapshot::state).containsExactly("CANCELLED", "FAILED");
    }

    @Test
    void applyingAnEventAgainChangesNothing() {
        List<ProgressEvent> events = Recordings.events("three-stages-succeed");
        BuildSnapshot once = replay("three-stages-created", "three-stages-succeed", 8);

        assertThat(once.apply(events.get(7))).isSameAs(once);
        assertThat(once.apply(events.get(3))).isSameAs(once);
    }

    @Test
    void applyLeavesTheEarlierSnapshotUnchanged() {
        BuildSnapshot before = replay("three-stages-created", "three-stages-succeed", 7);
        BuildSnapshot after = before.apply(Recordings.events("three-stages-succeed").get(7));

        assertThat(before.stage(1).logTail()).isEmpty();
        assertThat(after.stage(1).logTail()).isNotEmpty();
    }
}
