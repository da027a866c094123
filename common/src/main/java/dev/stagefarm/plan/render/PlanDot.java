package dev.stagefarm.plan.render;

import dev.stagefarm.plan.BuildPlan;
import dev.stagefarm.plan.ImageCopy;
import dev.stagefarm.plan.MountSource;
import dev.stagefarm.plan.PlannedStage;
import dev.stagefarm.plan.StageBase;
import dev.stagefarm.plan.StageCopy;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The stage graph in Graphviz DOT: a box per stage (grey and dashed when the target does not
 * need it), an ellipse per external image, solid edges for FROM, labelled edges for COPY
 * --from, dashed edges for RUN --mount. Pure.
 */
public final class PlanDot {
    private PlanDot() {
    }

    public static String render(BuildPlan plan) {
        StringBuilder out = new StringBuilder("digraph plan {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n");
        Set<Integer> built = new HashSet<>(plan.build());
        Map<String, String> images = new LinkedHashMap<>();
        for (PlannedStage stage : plan.stages()) {
            out.append("  s").append(stage.index()).append(" [label=").append(quote(PlanText.label(stage)))
                    .append(stage.index() == plan.target() ? ", penwidth=2" : "")
                    .append(built.contains(stage.index()) ? "" : ", style=dashed, color=grey, fontcolor=grey")
                    .append("];\n");
        }
        for (PlannedStage stage : plan.stages()) {
            String node = "s" + stage.index();
            if (stage.base() instanceof StageBase.Stage s) {
                out.append("  s").append(s.index()).append(" -> ").append(node).append(" [label=\"FROM\"];\n");
            } else {
                String image = ((StageBase.Image) stage.base()).reference();
                out.append("  ").append(image(images, image)).append(" -> ").append(node).append(";\n");
            }
            for (StageCopy copy : stage.copiesFrom()) {
                out.append("  s").append(copy.stage()).append(" -> ").append(node).append(" [label=")
                        .append(quote("COPY " + String.join(" ", copy.expandedPaths()))).append("];\n");
            }
            for (ImageCopy copy : stage.copiesFromImages()) {
                out.append("  ").append(image(images, copy.image())).append(" -> ").append(node).append(" [label=")
                        .append(quote("COPY " + String.join(" ", copy.expandedPaths()))).append("];\n");
            }
            for (MountSource mount : stage.mountsFrom()) {
                String from = mount instanceof MountSource.Stage s ? "s" + s.index()
                        : image(images, ((MountSource.Image) mount).reference());
                out.append("  ").append(from).append(" -> ").append(node).append(" [style=dashed, label=")
                        .append(quote("mount " + mount.path())).append("];\n");
            }
        }
        images.forEach((image, id) -> out.append("  ").append(id).append(" [shape=ellipse, label=")
                .append(quote(image)).append("];\n"));
        return out.append("}\n").toString();
    }

    private static String image(Map<String, String> images, String reference) {
        return images.computeIfAbsent(reference, r -> "i" + images.size());
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
