package dev.stagefarm.coordinator.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

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

    /** The paths later stages copy from {@code index}, in order of first use; empty when none. */
    public List<String> exportedPaths(int index) {
        Set<String> paths = new LinkedHashSet<>();
        for (PlannedStage s : stages) {
            s.copiesFrom().stream().filter(c -> c.stage() == index).forEach(c -> paths.addAll(c.paths()));
        }
        return new ArrayList<>(paths);
    }

    /** Whether the whole image of {@code index} is needed: it is the target or another stage builds on it. */
    public boolean exportsImage(int index) {
        return index == target || stages.stream().anyMatch(s -> Integer.valueOf(index).equals(s.baseStage()));
    }
}
