package dev.stagefarm.coordinator.plan;

import dev.stagefarm.protocol.StageInput;
import dev.stagefarm.protocol.StageOutput;
import java.util.List;

/**
 * One stage of a planned build, as the coordinator schedules and dispatches it.
 *
 * @param index position in the Dockerfile
 * @param name lower-case stage name, or null
 * @param dependsOn sorted direct dependencies (base stage, copy and mount sources)
 * @param cacheKey the stage's cache key, as agents compute it
 * @param instructions the stage's canonical (expanded) instructions, for the job and the user
 * @param steps its FROM and each of its own instructions (inherited ONBUILD triggers left out): the
 *     steps an agent reports, numbered from 0
 * @param inputs what it takes from the stages it depends on
 * @param outputs what it must store: what later stages need, and for the target the build's result
 */
public record PlannedStage(
        int index,
        String name,
        List<Integer> dependsOn,
        String cacheKey,
        List<String> instructions,
        int steps,
        List<StageInput> inputs,
        List<StageOutput> outputs) {

    public PlannedStage {
        dependsOn = List.copyOf(dependsOn);
        instructions = List.copyOf(instructions);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The name shown to users and used in log keys: the stage name, else its index. */
    public String displayName() {
        return name != null ? name : Integer.toString(index);
    }
}
