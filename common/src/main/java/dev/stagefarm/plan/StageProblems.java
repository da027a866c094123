package dev.stagefarm.plan;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.List;

/**
 * The failures that only matter for a target that builds the stage: a COPY --from or mount of a
 * LATER stage (BuildKit runs stages in file order, so that stage is not there yet) and the first
 * variable-expansion error of the stage. For a set of needed stages, the first problem in file
 * and command order is raised, as BuildKit's dispatch would meet it.
 */
final class StageProblems {
    private final String file;
    private final List<StageSource> sources;
    private final List<List<Reference>> references;
    private final List<StageWalk> walks;

    StageProblems(String file, List<StageSource> sources, List<List<Reference>> references, List<StageWalk> walks) {
        this.file = file;
        this.sources = sources;
        this.references = references;
        this.walks = walks;
    }

    /** Throws the first problem of the stages in {@code needed} (sorted), if any. */
    void check(List<Integer> needed) {
        for (int stage : needed) {
            StagefarmException problem = firstProblem(stage);
            if (problem != null) {
                throw problem;
            }
        }
    }

    private StagefarmException firstProblem(int stage) {
        StageWalk walk = walks.get(stage);
        for (Reference reference : references.get(stage)) {
            if (walk.failure() != null && walk.failurePosition() <= reference.position()) {
                break;
            }
            if (reference.stage() > stage) {
                return laterStage(stage, reference);
            }
        }
        return walk.failure();
    }

    private StagefarmException laterStage(int stage, Reference reference) {
        String message = reference.mount()
                ? "cannot mount from stage \"" + reference.written() + "\" to \"" + reference.mountTarget()
                        + "\", stage needs to be defined before current command"
                : "cannot copy from stage \"" + reference.written() + "\", it needs to be defined before current stage \""
                        + Planner.displayName(sources.get(stage)) + "\"";
        return PlanFailure.at(FailureCode.STAGE_ORDER, file, reference.line(), message);
    }
}
