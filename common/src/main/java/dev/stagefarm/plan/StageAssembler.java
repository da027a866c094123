package dev.stagefarm.plan;

import dev.stagefarm.archive.SlashPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Puts each stage's pieces together into {@link PlannedStage} records: copies grouped per source
 * in order of first use, mounts de-duplicated, the effective platform, and the exports that the
 * stages of the plan need from it.
 */
final class StageAssembler {
    private final List<StageSource> sources;
    private final List<ResolvedBase> bases;
    private final List<List<Reference>> references;
    private final List<StageWalk> walks;
    private final StageGraph graph;
    private final Platform targetPlatform;

    StageAssembler(List<StageSource> sources, List<ResolvedBase> bases, List<List<Reference>> references,
            List<StageWalk> walks, StageGraph graph, Platform targetPlatform) {
        this.sources = sources;
        this.bases = bases;
        this.references = references;
        this.walks = walks;
        this.graph = graph;
        this.targetPlatform = targetPlatform;
    }

    /** @param exporters the stages whose needs define the exports (the plan's stages) */
    List<PlannedStage> assemble(List<Integer> exporters) {
        List<StageExport> exports = exports(exporters);
        List<Platform> platforms = new ArrayList<>(sources.size());
        List<PlannedStage> out = new ArrayList<>(sources.size());
        for (StageSource source : sources) {
            int i = source.index();
            ResolvedBase base = bases.get(i);
            Platform platform = base.parentIndex() >= 0 ? platforms.get(base.parentIndex())
                    : base.platform() != null ? base.platform() : targetPlatform;
            platforms.add(platform);
            StageWalk walk = walks.get(i);
            out.add(new PlannedStage(i, source.name(), base.base(), source.platform(), platform, source.line(),
                    graph.dependsOn(i), stageCopies(i), imageCopies(i), mounts(i), exports.get(i), walk.steps(),
                    walk.contextSources(), walk.args()));
        }
        return out;
    }

    private List<StageCopy> stageCopies(int stage) {
        Map<Integer, List<List<String>>> grouped = new LinkedHashMap<>();
        for (Reference reference : references.get(stage)) {
            if (!reference.mount() && reference.toStage()) {
                addPaths(grouped.computeIfAbsent(reference.stage(), k -> List.of(new ArrayList<>(), new ArrayList<>())),
                        stage, reference);
            }
        }
        List<StageCopy> out = new ArrayList<>();
        grouped.forEach((source, paths) -> out.add(new StageCopy(source, paths.get(0), paths.get(1))));
        return out;
    }

    private List<ImageCopy> imageCopies(int stage) {
        Map<String, List<List<String>>> grouped = new LinkedHashMap<>();
        for (Reference reference : references.get(stage)) {
            if (!reference.mount() && !reference.toStage()) {
                addPaths(grouped.computeIfAbsent(reference.written(), k -> List.of(new ArrayList<>(), new ArrayList<>())),
                        stage, reference);
            }
        }
        List<ImageCopy> out = new ArrayList<>();
        grouped.forEach((image, paths) -> out.add(new ImageCopy(image, paths.get(0), paths.get(1))));
        return out;
    }

    private void addPaths(List<List<String>> target, int stage, Reference reference) {
        target.get(0).addAll(reference.rawPaths());
        target.get(1).addAll(expanded(stage, reference));
    }

    /** The expanded sources, or the raw ones when the stage's walk stopped before the reference. */
    private List<String> expanded(int stage, Reference reference) {
        if (reference.mount()) {
            return reference.rawPaths();
        }
        return walks.get(stage).expandedPaths().getOrDefault(reference.position(), reference.rawPaths());
    }

    private List<MountSource> mounts(int stage) {
        Set<String> seen = new LinkedHashSet<>();
        List<MountSource> out = new ArrayList<>();
        for (Reference reference : references.get(stage)) {
            if (reference.mount() && seen.add(reference.toStage() ? "#" + reference.stage() : reference.written())) {
                String path = reference.rawPaths().get(0);
                out.add(reference.toStage() ? new MountSource.Stage(reference.stage(), path)
                        : new MountSource.Image(reference.written(), path));
            }
        }
        return out;
    }

    private List<StageExport> exports(List<Integer> exporters) {
        List<TreeSet<String>> paths = new ArrayList<>();
        boolean[] whole = new boolean[sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            paths.add(new TreeSet<>());
        }
        for (int stage : exporters) {
            int parent = bases.get(stage).parentIndex();
            if (parent >= 0) {
                whole[parent] = true;
            }
            for (Reference reference : references.get(stage)) {
                if (reference.toStage() && reference.stage() != stage) {
                    for (String path : expanded(stage, reference)) {
                        paths.get(reference.stage()).add(SlashPath.absolute(path));
                    }
                }
            }
        }
        List<StageExport> out = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            out.add(whole[i] || !paths.get(i).isEmpty() ? new StageExport(List.copyOf(paths.get(i)), whole[i])
                    : StageExport.NOTHING);
        }
        return out;
    }
}
