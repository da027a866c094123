package dev.stagefarm.plan.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagefarm.plan.BuildPlan;
import dev.stagefarm.plan.ImageCopy;
import dev.stagefarm.plan.MountSource;
import dev.stagefarm.plan.PlannedStage;
import dev.stagefarm.plan.StageBase;
import dev.stagefarm.plan.StageCopy;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as the JSON of the frontend contract (section 2): {@code stages} with exactly the
 * contract's keys first ({@code index name base platform dependsOn copiesFrom copiesFromImages
 * mountsFrom}), then this implementation's extras ({@code expandedCopies}: the COPY --from
 * sources after ARG/ENV expansion, which is what BuildKit copies; {@code exports}); then
 * {@code targets}, and without all-targets {@code build} and {@code waves}. One stage per line.
 * Pure and thread-safe.
 */
public final class PlanJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlanJson() {
    }

    public static String render(BuildPlan plan, boolean allTargets) {
        StringBuilder out = new StringBuilder("{\"file\": ").append(write(plan.file())).append(",\n \"stages\": [\n");
        for (int i = 0; i < plan.stages().size(); i++) {
            out.append("  ").append(write(stage(plan.stages().get(i))));
            out.append(i + 1 < plan.stages().size() ? ",\n" : "\n");
        }
        out.append(" ],\n \"targets\": ").append(write(plan.targets()));
        if (!allTargets) {
            out.append(",\n \"build\": ").append(write(plan.build()));
            out.append(",\n \"waves\": ").append(write(plan.waves()));
        }
        if (!plan.targetErrors().isEmpty()) {
            out.append(",\n \"targetErrors\": ").append(write(plan.targetErrors()));
        }
        return out.append("}\n").toString();
    }

    static Map<String, Object> stage(PlannedStage stage) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("index", stage.index());
        json.put("name", stage.name());
        json.put("base", stage.base() instanceof StageBase.Stage s ? Map.of("stage", s.name())
                : ((StageBase.Image) stage.base()).reference());
        json.put("platform", stage.platform());
        json.put("dependsOn", stage.dependsOn());
        List<Object> copies = new ArrayList<>();
        List<Object> expanded = new ArrayList<>();
        for (StageCopy copy : stage.copiesFrom()) {
            copies.add(entry("stage", copy.stage(), copy.paths()));
            expanded.add(entry("stage", copy.stage(), copy.expandedPaths()));
        }
        json.put("copiesFrom", copies);
        List<Object> images = new ArrayList<>();
        for (ImageCopy copy : stage.copiesFromImages()) {
            images.add(entry("image", copy.image(), copy.paths()));
        }
        json.put("copiesFromImages", images);
        List<Object> mounts = new ArrayList<>();
        for (MountSource mount : stage.mountsFrom()) {
            mounts.add(mount instanceof MountSource.Stage s ? Map.of("stage", s.index())
                    : Map.of("image", ((MountSource.Image) mount).reference()));
        }
        json.put("mountsFrom", mounts);
        json.put("expandedCopies", expanded);
        Map<String, Object> exports = new LinkedHashMap<>();
        exports.put("paths", stage.exports().paths());
        exports.put("wholeImage", stage.exports().wholeImage());
        json.put("exports", exports);
        return json;
    }

    private static Map<String, Object> entry(String key, Object value, List<String> paths) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(key, value);
        entry.put("paths", paths);
        return entry;
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
