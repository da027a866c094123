package dev.stagefarm.plan;

import dev.stagefarm.dockerfile.shell.ShellLex;
import dev.stagefarm.dockerfile.shell.VariableScope;
import dev.stagefarm.dockerfile.syntax.RawDockerfile;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.failure.Suggestion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Plans a build: which stages a target needs, how they depend on each other, in which order
 * (and waves) they can run, and what each must hand to the next — following BuildKit's
 * {@code dockerfile2llb} rules (see the frontend contract, section 2).
 *
 * <p>Errors are checked in BuildKit's order: FROM lines of every stage, the target name, the
 * COPY --from/mount references of every stage, cycles; then, only for the stages the target
 * needs, references to later stages and expansion errors. So a broken stage that no target
 * builds does not fail the build. Every failure is a {@link StagefarmException} naming the line.
 *
 * <p>Stateless and thread-safe.
 */
public final class Planner {
    private Planner() {
    }

    public static BuildPlan plan(RawDockerfile dockerfile, PlanOptions options) {
        String file = dockerfile.file();
        ShellLex lex = new ShellLex(dockerfile.escape());
        DockerfileLayout layout = DockerfileLayout.of(dockerfile);
        List<StageSource> sources = layout.stages();
        StageSource last = sources.get(sources.size() - 1);
        String targetStage = options.target() != null ? options.target() : last.name();
        VariableScope globals = GlobalScope.of(file, layout.metaArgs(), lex, options.targetPlatform(), targetStage,
                options.buildArgs());
        List<ResolvedBase> bases = ResolvedBase.resolve(file, sources, lex, globals);
        int target = targetIndex(file, sources, options.target());

        ReferenceResolver resolver = new ReferenceResolver(file, lex, sources);
        List<List<StageCommand>> commands = new ArrayList<>(sources.size());
        List<List<Reference>> references = new ArrayList<>(sources.size());
        int[] baseIndex = new int[sources.size()];
        List<List<Integer>> uses = new ArrayList<>(sources.size());
        for (StageSource stage : sources) {
            int parent = bases.get(stage.index()).parentIndex();
            baseIndex[stage.index()] = parent;
            List<StageCommand> stageCommands = StageCommand.of(stage, parent >= 0 ? sources.get(parent) : null);
            List<Reference> stageReferences = resolver.references(stageCommands);
            commands.add(stageCommands);
            references.add(stageReferences);
            uses.add(stageReferences.stream().filter(Reference::toStage).map(Reference::stage).toList());
        }
        StageGraph graph = new StageGraph(baseIndex, uses);
        int cycle = graph.cycleStart();
        if (cycle >= 0) {
            StageSource stage = sources.get(cycle);
            throw PlanFailure.at(FailureCode.STAGE_CYCLE, file, stage.line(),
                    "circular dependency detected on stage: " + displayName(stage));
        }

        StageAnalyzer analyzer = new StageAnalyzer(file, lex, globals, options.buildArgs());
        List<StageWalk> walks = new ArrayList<>(sources.size());
        for (StageSource stage : sources) {
            int parent = baseIndex[stage.index()];
            Map<String, String> inherited = parent >= 0 ? walks.get(parent).finalScope() : Map.of();
            Set<Integer> positions = new HashSet<>();
            references.get(stage.index()).forEach(r -> positions.add(r.position()));
            walks.add(analyzer.walk(commands.get(stage.index()), inherited, positions));
        }

        StageProblems problems = new StageProblems(file, sources, references, walks);
        List<Integer> build = graph.needed(target);
        problems.check(build);
        Map<String, List<Integer>> targets = new LinkedHashMap<>();
        Map<String, String> targetErrors = new LinkedHashMap<>();
        if (options.allTargets()) {
            targets.put("default", graph.needed(sources.size() - 1));
            for (StageSource stage : sources) {
                if (stage.name() != null && !targets.containsKey(stage.name())) {
                    int index = targetIndex(file, sources, stage.name());
                    List<Integer> needed = graph.needed(index);
                    try {
                        problems.check(needed);
                        targets.put(stage.name(), needed);
                    } catch (StagefarmException e) {
                        targetErrors.put(stage.name(), e.getMessage());
                    }
                }
            }
        } else {
            targets.put(options.target() == null ? "default" : options.target(), build);
        }

        List<Integer> exportSet = options.allTargets()
                ? java.util.stream.IntStream.range(0, sources.size()).boxed().toList()
                : build;
        List<PlannedStage> stages = new StageAssembler(sources, bases, references, walks, graph,
                options.targetPlatform()).assemble(exportSet);
        List<List<Integer>> waves = graph.waves(build);
        List<Integer> order = waves.stream().flatMap(List::stream).toList();
        return new BuildPlan(file, options.targetPlatform(), stages, target, targets, order, waves, targetErrors);
    }

    static String displayName(StageSource stage) {
        return stage.name() != null ? stage.name() : "stage-" + stage.index();
    }

    private static int targetIndex(String file, List<StageSource> sources, String target) {
        if (target == null) {
            return sources.size() - 1;
        }
        String wanted = target.toLowerCase(Locale.ROOT);
        int found = -1;
        List<String> names = new ArrayList<>();
        for (StageSource stage : sources) {
            if (stage.name() != null) {
                names.add(stage.name());
                if (stage.name().equals(wanted)) {
                    found = stage.index();
                }
            }
        }
        if (found >= 0) {
            return found;
        }
        String closest = Suggestion.closest(target, names);
        throw new StagefarmException(FailureCode.UNKNOWN_TARGET, "target " + target, 0,
                "target stage \"" + target + "\" could not be found"
                        + (closest != null ? " (did you mean " + closest + "?)" : "")
                        + (names.isEmpty() ? "; the Dockerfile has no named stages"
                                : "; stages are: " + String.join(", ", names.stream().distinct().toList())));
    }
}
