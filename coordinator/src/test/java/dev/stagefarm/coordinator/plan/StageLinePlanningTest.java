package dev.stagefarm.coordinator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageLinePlanningTest {
    static final String DIAMOND = String.join("\n",
            "FROM busybox AS base",
            "RUN echo base > /base",
            "FROM base AS left",
            "RUN echo left > /left",
            "FROM base AS right",
            "RUN echo right > /right",
            "FROM busybox AS final",
            "COPY --from=left /left /l",
            "COPY --from=right \\",
            "     /right /r",
            "FROM busybox AS unused",
            "");

    private static StageGraph plan(String dockerfile, String target) {
        return new StageLinePlanning().plan(new PlanningRequest("ab".repeat(32), "Dockerfile", dockerfile, target,
                Map.of(), "linux/amd64"));
    }

    @Test
    void plansDiamondPrunedToTarget() {
        StageGraph g = plan(DIAMOND, "final");
        assertThat(g.stages()).extracting(PlannedStage::name).containsExactly("base", "left", "right", "final");
        assertThat(g.stage(3).dependsOn()).containsExactly(1, 2);
        assertThat(g.stage(1).baseStage()).isEqualTo(0);
        assertThat(g.exportedPaths(1)).containsExactly("/left");
        assertThat(g.exportsImage(0)).isTrue();
        assertThat(g.exportsImage(1)).isFalse();
        assertThat(g.target()).isEqualTo(3);
    }

    @Test
    void cacheKeysChangeWithTheContextAndDependencies() {
        StageGraph a = plan(DIAMOND, "final");
        StageGraph b = new StageLinePlanning().plan(new PlanningRequest("cd".repeat(32), "Dockerfile", DIAMOND,
                "final", Map.of(), "linux/amd64"));
        assertThat(a.stage(3).cacheKey()).hasSize(64).isNotEqualTo(b.stage(3).cacheKey());
        assertThat(plan(DIAMOND, "final").stage(3).cacheKey()).isEqualTo(a.stage(3).cacheKey());
    }

    @Test
    void rejectsUnknownTargetWithTheStageNames() {
        assertThatThrownBy(() -> plan(DIAMOND, "nope")).isInstanceOfSatisfying(StagefarmException.class, e -> {
            assertThat(e.code()).isEqualTo(FailureCode.UNKNOWN_TARGET);
            assertThat(e.getMessage()).contains("base, left, right, final");
        });
    }

    @Test
    void rejectsCopyFromALaterStageWithItsLine() {
        String text = "FROM busybox AS a\nCOPY --from=b /x /x\nFROM busybox AS b\n";
        assertThatThrownBy(() -> plan(text, "a")).isInstanceOfSatisfying(StagefarmException.class, e -> {
            assertThat(e.code()).isEqualTo(FailureCode.STAGE_ORDER);
            assertThat(e.line()).isEqualTo(2);
        });
        assertThat(plan(text, "b").stages()).hasSize(1);
    }

    @Test
    void rejectsInstructionBeforeFirstFromWithItsLine() {
        assertThatThrownBy(() -> plan("# hello\nRUN true\nFROM busybox\n", null))
                .isInstanceOfSatisfying(StagefarmException.class, e -> assertThat(e.line()).isEqualTo(2));
    }
}
