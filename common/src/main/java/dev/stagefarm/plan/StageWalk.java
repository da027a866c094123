package dev.stagefarm.plan;

import dev.stagefarm.failure.StagefarmException;
import java.util.List;
import java.util.Map;

/**
 * What walking one stage's instructions with its ARG/ENV scope produced.
 *
 * @param steps the canonical instructions walked
 * @param contextSources build-context sources of COPY/ADD
 * @param args declared ARGs with their values
 * @param finalScope the ARG/ENV values at the end of the stage (what a child stage inherits)
 * @param expandedPaths command position → expanded COPY --from sources or mount source
 * @param failure the first expansion failure, or null; the walk stopped there
 * @param failurePosition the position of the failing command, or -1
 */
record StageWalk(List<StageStep> steps, List<ContextSource> contextSources, List<ArgValue> args,
        Map<String, String> finalScope, Map<Integer, List<String>> expandedPaths, StagefarmException failure,
        int failurePosition) {
}
