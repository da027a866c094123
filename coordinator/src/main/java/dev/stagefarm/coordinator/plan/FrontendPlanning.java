package dev.stagefarm.coordinator.plan;

import dev.stagefarm.dockerfile.syntax.DockerfileParser;
import dev.stagefarm.plan.BuildPlan;
import dev.stagefarm.plan.MountSource;
import dev.stagefarm.plan.PlanOptions;
import dev.stagefarm.plan.Platform;
import dev.stagefarm.plan.Planner;
import dev.stagefarm.plan.StageBase;
import dev.stagefarm.plan.StageCopy;
import dev.stagefarm.plan.StageExport;
import dev.stagefarm.plan.StageStep;
import dev.stagefarm.plan.cache.ContextDigests;
import dev.stagefarm.plan.cache.StageCacheKeys;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.ObjectKeys;
import dev.stagefarm.protocol.StageInput;
import dev.stagefarm.protocol.StageOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans with the shared Dockerfile frontend exactly as an agent re-plans a job: the Dockerfile
 * parsed under the build's Dockerfile path, {@link Planner} with the build's target, build args and
 * platform, and {@link StageCacheKeys} over the stored context's digests. An agent rejects a job
 * whose key differs from its own, so nothing here may deviate from that recipe.
 *
 * <p>Inputs: IMAGE of the base stage ({@code FROM <stage>}), FILES per source stage of
 * {@code COPY --from} (expanded paths) and {@code RUN --mount from=} (mounted path). Outputs: FILES
 * of what later stages take ({@code exports().paths()}), IMAGE when a later stage builds on it,
 * and for the target its whole image. Stateless and thread-safe.
 */
public final class FrontendPlanning implements BuildPlanning {
    /** The whole filesystem, as FILES of the target for {@code type=local}/{@code type=tar}. */

    @Override
    public StageGraph plan(PlanningRequest request) {
        BuildPlan plan = Planner.plan(DockerfileParser.parse(request.dockerfilePath(), request.dockerfile()),
                new PlanOptions(request.target(), request.buildArgs(),
                        request.platform() == null || request.platform().isBlank() ? null
                                : Platform.parse(request.platform()),
                        false));
        Map<Integer, String> keys = StageCacheKeys.compute(plan, ContextDigests.of(request.context()));
        List<PlannedStage> stages = new ArrayList<>();
        for (int index : plan.build().stream().sorted().toList()) {
            dev.stagefarm.plan.PlannedStage stage = plan.stage(index);
            stages.add(new PlannedStage(index, stage.name(), stage.dependsOn(), keys.get(index),
                    stage.steps().stream().map(FrontendPlanning::canonical).toList(), steps(stage),
                    inputs(plan, keys, stage),
                    outputs(stage.exports(), keys.get(index), index == plan.target())));
        }
        return new StageGraph(stages, plan.target());
    }

    private static List<StageInput> inputs(BuildPlan plan, Map<Integer, String> keys,
            dev.stagefarm.plan.PlannedStage stage) {
        List<StageInput> inputs = new ArrayList<>();
        if (stage.base() instanceof StageBase.Stage base) {
            String key = keys.get(base.index());
            inputs.add(new StageInput(base.index(), plan.stage(base.index()).name(), ArtifactKind.IMAGE, key,
                    ObjectKeys.image(key), List.of()));
        }
        // one FILES input per source stage: its copied and mounted paths, in order of first use
        Map<Integer, Set<String>> files = new LinkedHashMap<>();
        for (StageCopy copy : stage.copiesFrom()) {
            files.computeIfAbsent(copy.stage(), s -> new LinkedHashSet<>()).addAll(copy.expandedPaths());
        }
        for (MountSource mount : stage.mountsFrom()) {
            if (mount instanceof MountSource.Stage from) {
                files.computeIfAbsent(from.index(), s -> new LinkedHashSet<>()).add(from.path());
            }
        }
        files.forEach((source, paths) -> {
            String key = keys.get(source);
            // the artifact holds everything the source stage exports in this build, keyed by that set
            List<String> exported = plan.stage(source).exports().paths();
            inputs.add(new StageInput(source, plan.stage(source).name(), ArtifactKind.FILES, key,
                    ObjectKeys.artifact(key, exported), List.copyOf(paths)));
        });
        return inputs;
    }

    // The target always stores its image: --load, -o type=docker and -o type=local are all served
    // from it (the result endpoints stream it or flatten it). Exported files are keyed by the stage's
    // cache key and their path set (ObjectKeys.artifact), so a build that needs other paths of the
    // same stage never takes this one's files for its own.
    private static List<StageOutput> outputs(StageExport exports, String key, boolean target) {
        Set<String> paths = new LinkedHashSet<>(exports.paths());
        boolean image = exports.wholeImage() || target;
        List<StageOutput> outputs = new ArrayList<>();
        if (!paths.isEmpty()) {
            outputs.add(new StageOutput(ArtifactKind.FILES, List.copyOf(paths), ObjectKeys.artifact(key, paths),
                    ObjectKeys.artifactManifest(key, paths)));
        }
        if (image) {
            outputs.add(new StageOutput(ArtifactKind.IMAGE, List.of(), ObjectKeys.image(key), null));
        }
        return outputs;
    }

    // As an agent numbers its step events: the FROM, then the stage's own instructions (it does
    // not run the ONBUILD triggers the planner lists first).
    private static int steps(dev.stagefarm.plan.PlannedStage stage) {
        return 1 + (int) stage.steps().stream().filter(s -> !s.fromOnbuild()).count();
    }

    private static String canonical(StageStep step) {
        return step.words().isEmpty() ? step.keyword() : step.keyword() + " " + String.join(" ", step.words());
    }
}
