package dev.stagefarm.coordinator.plan;

import dev.stagefarm.coordinator.context.ContextFileDigests;
import dev.stagefarm.coordinator.plan.PlannedStage.CopySource;
import dev.stagefarm.dockerfile.syntax.DockerfileParser;
import dev.stagefarm.plan.BuildPlan;
import dev.stagefarm.plan.MountSource;
import dev.stagefarm.plan.PlanOptions;
import dev.stagefarm.plan.Planner;
import dev.stagefarm.plan.Platform;
import dev.stagefarm.plan.StageBase;
import dev.stagefarm.plan.StageCopy;
import dev.stagefarm.plan.StageStep;
import dev.stagefarm.plan.cache.StageCacheKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Planning with the shared Dockerfile frontend: the planner prunes the stages to the target and
 * the stage cache keys digest the files each stage reads. Agents re-plan the same way from the
 * same context and refuse a job whose key differs, so the coordinator must use this planner.
 */
public final class FrontendPlanning implements BuildPlanning {
    private final ContextFileDigests contextFiles;

    public FrontendPlanning(ContextFileDigests contextFiles) {
        this.contextFiles = contextFiles;
    }

    @Override
    public StageGraph plan(PlanningRequest request) {
        Platform platform = request.platform() == null || request.platform().isBlank()
                ? null : Platform.parse(request.platform());
        BuildPlan plan = Planner.plan(DockerfileParser.parse(request.dockerfilePath(), request.dockerfile()),
                new PlanOptions(request.target(), request.buildArgs(), platform, false));
        Map<Integer, String> keys = StageCacheKeys.compute(plan,
                contextFiles.of(request.contextDigest(), request.dockerfilePath()));
        List<PlannedStage> stages = new ArrayList<>();
        for (dev.stagefarm.plan.PlannedStage stage : plan.buildStages()) {
            stages.add(new PlannedStage(stage.index(), stage.name(), new TreeSet<>(stage.dependsOn()).stream().toList(),
                    stage.base() instanceof StageBase.Stage parent ? parent.index() : null,
                    copySources(plan, stage), keys.get(stage.index()), instructions(stage)));
        }
        return new StageGraph(stages, plan.target());
    }

    // The producer's exports are the planner's absolute paths of everything its consumers read.
    private static List<CopySource> copySources(BuildPlan plan, dev.stagefarm.plan.PlannedStage stage) {
        TreeSet<Integer> producers = new TreeSet<>();
        stage.copiesFrom().stream().map(StageCopy::stage).forEach(producers::add);
        stage.mountsFrom().stream().filter(m -> m instanceof MountSource.Stage)
                .map(m -> ((MountSource.Stage) m).index()).forEach(producers::add);
        return producers.stream().map(p -> new CopySource(p, plan.stage(p).exports().paths())).toList();
    }

    private static List<String> instructions(dev.stagefarm.plan.PlannedStage stage) {
        List<String> lines = new ArrayList<>();
        lines.add("FROM " + (stage.base() instanceof StageBase.Image image ? image.reference()
                : ((StageBase.Stage) stage.base()).name() != null ? ((StageBase.Stage) stage.base()).name()
                : Integer.toString(((StageBase.Stage) stage.base()).index())));
        for (StageStep step : stage.steps()) {
            lines.add(step.keyword() + " " + String.join(" ", step.words()));
        }
        return lines;
    }
}
