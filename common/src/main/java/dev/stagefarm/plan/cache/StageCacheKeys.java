package dev.stagefarm.plan.cache;

import dev.stagefarm.plan.BuildPlan;
import dev.stagefarm.plan.PlannedStage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cache keys of the stages a plan builds (see {@link StageKeyInputs} for what goes in).
 * A pure function of the plan and the context manifest; thread-safe.
 */
public final class StageCacheKeys {
    private StageCacheKeys() {
    }

    /** Stage index → key (sha256 hex), for every stage of {@link BuildPlan#build()}. */
    public static Map<Integer, String> compute(BuildPlan plan, ContextDigests context) {
        Map<Integer, String> keys = new LinkedHashMap<>();
        // build order runs every stage after the stages it needs, so their keys are known
        for (int index : plan.build()) {
            PlannedStage stage = plan.stage(index);
            keys.put(index, StageKeyInputs.of(plan.file(), stage, keys, context).key());
        }
        return Map.copyOf(keys);
    }
}
