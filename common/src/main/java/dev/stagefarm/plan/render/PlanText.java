package dev.stagefarm.plan.render;

import dev.stagefarm.plan.BuildPlan;
import dev.stagefarm.plan.ImageCopy;
import dev.stagefarm.plan.MountSource;
import dev.stagefarm.plan.PlannedStage;
import dev.stagefarm.plan.StageBase;
import dev.stagefarm.plan.StageCopy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plan for people: the waves of the chosen target (the stages of a wave run in parallel),
 * then every stage with its base, what it takes from other stages and images, and what it
 * exports. Stages the target does not need are marked as skipped. Pure; no terminal codes.
 */
public final class PlanText {
    private PlanText() {
    }

    public static List<String> render(BuildPlan plan, boolean allTargets) {
        List<String> lines = new ArrayList<>();
        PlannedStage target = plan.targetStage();
        lines.add("target " + label(target) + " on " + plan.platform() + ": " + plan.build().size() + " of "
                + plan.stages().size() + " stages in " + plan.waves().size() + " wave"
                + (plan.waves().size() == 1 ? "" : "s"));
        for (int w = 0; w < plan.waves().size(); w++) {
            List<Integer> wave = plan.waves().get(w);
            lines.add("  wave " + (w + 1) + (wave.size() > 1 ? " (" + wave.size() + " in parallel)" : "") + ": "
                    + wave.stream().map(i -> label(plan.stage(i))).collect(Collectors.joining(", ")));
        }
        lines.add("");
        Set<Integer> built = new HashSet<>(plan.build());
        for (PlannedStage stage : plan.stages()) {
            lines.add(label(stage) + "  FROM " + base(plan, stage)
                    + (stage.platform() != null ? "  --platform=" + stage.platform() : "")
                    + (built.contains(stage.index()) ? "" : "  (not needed by the target)"));
            for (StageCopy copy : stage.copiesFrom()) {
                lines.add("    copies from " + label(plan.stage(copy.stage())) + ": " + String.join(" ", copy.expandedPaths()));
            }
            for (ImageCopy copy : stage.copiesFromImages()) {
                lines.add("    copies from image " + copy.image() + ": " + String.join(" ", copy.expandedPaths()));
            }
            for (MountSource mount : stage.mountsFrom()) {
                lines.add("    mounts " + (mount instanceof MountSource.Stage s ? label(plan.stage(s.index()))
                        : "image " + ((MountSource.Image) mount).reference()) + ":" + mount.path());
            }
            if (stage.exports().wholeImage()) {
                lines.add("    exports its whole image");
            }
            if (!stage.exports().paths().isEmpty()) {
                lines.add("    exports " + String.join(" ", stage.exports().paths()));
            }
        }
        if (allTargets) {
            lines.add("");
            lines.add("targets:");
            for (Map.Entry<String, List<Integer>> entry : plan.targets().entrySet()) {
                lines.add("  " + entry.getKey() + " -> " + entry.getValue());
            }
            plan.targetErrors().forEach((name, error) -> lines.add("  " + name + " -> error: " + error));
        }
        return lines;
    }

    static String label(PlannedStage stage) {
        return "[" + stage.index() + "] " + stage.displayName();
    }

    private static String base(BuildPlan plan, PlannedStage stage) {
        return stage.base() instanceof StageBase.Stage s ? label(plan.stage(s.index()))
                : ((StageBase.Image) stage.base()).reference();
    }
}
