package dev.stagefarm.plan;

import java.util.List;
import java.util.Map;

/**
 * The stages of a Dockerfile and what a build of the chosen target runs.
 *
 * @param file the Dockerfile's name (for messages)
 * @param platform the target platform
 * @param stages every stage, in file order
 * @param target the index of the chosen target stage
 * @param targets target name → sorted indexes of the stages it needs: {@code default} and, with
 *     {@link PlanOptions#allTargets()}, one entry per named stage; otherwise just the chosen one
 * @param build the chosen target's stages in an order in which they can run
 * @param waves the chosen target's stages grouped by depth: every stage of a wave only needs
 *     stages of earlier waves, so a wave's stages can run in parallel
 * @param targetErrors with {@code allTargets}: targets that cannot be built → the reason
 */
public record BuildPlan(
        String file,
        Platform platform,
        List<PlannedStage> stages,
        int target,
        Map<String, List<Integer>> targets,
        List<Integer> build,
        List<List<Integer>> waves,
        Map<String, String> targetErrors) {

    public BuildPlan {
        stages = List.copyOf(stages);
        targets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targets));
        build = List.copyOf(build);
        waves = waves.stream().map(List::copyOf).toList();
        targetErrors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targetErrors));
    }

    public PlannedStage stage(int index) {
        return stages.get(index);
    }

    public PlannedStage targetStage() {
        return stages.get(target);
    }

    /** The chosen target's stages, in build order. */
    public List<PlannedStage> buildStages() {
        return build.stream().map(stages::get).toList();
    }
}
