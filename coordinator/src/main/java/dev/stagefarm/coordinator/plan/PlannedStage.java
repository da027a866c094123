package dev.stagefarm.coordinator.plan;

import java.util.List;

/**
 * One stage of a planned build, as the coordinator schedules it.
 *
 * @param index position in the Dockerfile
 * @param name lower-case stage name, or null
 * @param dependsOn sorted direct dependencies (base stage, copy and mount sources)
 * @param baseStage the stage this one builds on ({@code FROM <stage>}), or null for an image
 * @param copiesFrom the stages it copies files from, with the paths
 * @param cacheKey the stage's cache key
 * @param instructions the stage's instructions as written, for the job and the user
 */
public record PlannedStage(
        int index,
        String name,
        List<Integer> dependsOn,
        Integer baseStage,
        List<CopySource> copiesFrom,
        String cacheKey,
        List<String> instructions) {

    public PlannedStage {
        dependsOn = List.copyOf(dependsOn);
        copiesFrom = List.copyOf(copiesFrom);
        instructions = List.copyOf(instructions);
    }

    /** The name shown to users and used in log keys: the stage name, else its index. */
    public String displayName() {
        return name != null ? name : Integer.toString(index);
    }

    /** Paths another stage reads from one of this stage's dependencies. */
    public record CopySource(int stage, List<String> paths) {
        public CopySource {
            paths = List.copyOf(paths);
        }
    }
}
