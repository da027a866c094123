package dev.stagefarm.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageGraphTest {

    @Test
    void diamondPutsBothMiddleStagesInTheSameWaveAndTheLastAfterBoth() {
        // 0 <- 1 (FROM), 0 <- 2 (FROM), 3 copies from 1 and 2
        StageGraph graph = new StageGraph(new int[] {-1, 0, 0, -1}, List.of(List.of(), List.of(), List.of(), List.of(2, 1)));
        assertThat(graph.waves(graph.needed(3))).containsExactly(List.of(0), List.of(1, 2), List.of(3));
        assertThat(graph.dependsOn(3)).containsExactly(1, 2);
    }

    @Test
    void neededFollowsBaseCopyAndMountEdgesOnly() {
        StageGraph graph = new StageGraph(new int[] {-1, -1, 1, -1}, List.of(List.of(), List.of(), List.of(0), List.of()));
        assertThat(graph.needed(2)).containsExactly(0, 1, 2);
        assertThat(graph.needed(3)).containsExactly(3);
    }

    @Test
    void cycleIsReportedOnTheFirstStageThatReachesIt() {
        // 0 -> 2 -> 3 -> 2: stage 0 is not in the cycle but reaches it first, as in BuildKit
        StageGraph graph = new StageGraph(new int[] {-1, -1, -1, -1},
                List.of(List.of(2), List.of(), List.of(3), List.of(2)));
        assertThat(graph.cycleStart()).isEqualTo(0);
        StageGraph self = new StageGraph(new int[] {-1, -1}, List.of(List.of(), List.of(1)));
        assertThat(self.cycleStart()).isEqualTo(1);
        StageGraph acyclic = new StageGraph(new int[] {-1, 0}, List.of(List.of(), List.of(0)));
        assertThat(acyclic.cycleStart()).isEqualTo(-1);
    }

    @Test
    void longChainsDoNotOverflowTheStack() {
        int n = 20_000;
        int[] base = new int[n];
        List<List<Integer>> uses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            base[i] = -1;
            uses.add(i == 0 ? List.of() : List.of(i - 1));
        }
        StageGraph graph = new StageGraph(base, uses);
        assertThat(graph.cycleStart()).isEqualTo(-1);
        assertThat(graph.needed(n - 1)).hasSize(n);
        assertThat(graph.waves(graph.needed(n - 1))).hasSize(n);
    }
}
