package dev.stagefarm.coordinator.plan;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The stages one build needs, already pruned to its target, in Dockerfile order.
 *
 * @param stages the needed stages
 * @param target the index of the target stage (its success finishes the build)
 */
public record StageGraph(List<PlannedStage> stages, int target) {

    public StageGraph {
        stages = List.copyOf(stages);
    }

    public PlannedStage stage(int index) {
        return stages.stream().filter(s -> s.index() == index).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no stage " + index + " in the plan"));
    }
}
