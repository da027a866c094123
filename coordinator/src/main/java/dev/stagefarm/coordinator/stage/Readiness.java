package dev.stagefarm.coordinator.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which stages of a build can start now, computed from the graph and the states alone (never from
 * the order events arrived in): a PENDING stage is ready when every stage it depends on is done.
 * Independent stages therefore become ready together.
 */
public final class Readiness {
    private Readiness() {
    }

    /** The PENDING stages whose dependencies are all SUCCEEDED or CACHED, in index order. */
    public static List<Integer> ready(List<StageStatus> stages) {
        Map<Integer, StageStatus> byIndex = stages.stream()
                .collect(Collectors.toMap(StageStatus::index, Function.identity()));
        List<Integer> ready = new ArrayList<>();
        for (StageStatus s : stages) {
            if (s.state() == StageRunState.PENDING && s.dependsOn().stream()
                    .allMatch(d -> byIndex.containsKey(d) && byIndex.get(d).state().done())) {
                ready.add(s.index());
            }
        }
        ready.sort(null);
        return ready;
    }

    /**
     * Where each unfinished stage goes when the build ends early (failed or cancelled): a stage
     * that never started is SKIPPED, one queued or running is CANCELLED. Finished stages keep
     * their state and are absent from the result.
     */
    public static Map<Integer, StageRunState> whenBuildEnds(List<StageStatus> stages) {
        return stages.stream().filter(s -> !s.state().terminal()).collect(Collectors.toMap(StageStatus::index,
                s -> s.state() == StageRunState.PENDING ? StageRunState.SKIPPED : StageRunState.CANCELLED));
    }
}
