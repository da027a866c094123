package dev.stagefarm.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The stage an agent is asked to run, as the coordinator planned it. With the context (by digest)
 * these fields are enough for an agent to plan the Dockerfile again deterministically and pick
 * the same stage; {@code instructions} additionally carries the expanded instructions when the
 * coordinator provides them, so an agent may skip re-planning.
 *
 * @param index the stage's 0-based position in the Dockerfile
 * @param name the stage name (lower case), or null for an unnamed stage
 * @param dockerfilePath the Dockerfile's path inside the context
 * @param target the build's target stage (the plan was pruned to it)
 * @param buildArgs the build arguments of the request
 * @param instructions the stage's instructions in canonical expanded form; empty when not given
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StageDefinition(
        int index,
        String name,
        String dockerfilePath,
        String target,
        Map<String, String> buildArgs,
        List<String> instructions) {

    public StageDefinition {
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
        instructions = instructions == null ? List.of() : List.copyOf(instructions);
    }

    /** The name used in messages and object keys: the stage name, else its index. */
    public String displayName() {
        return name != null ? name : Integer.toString(index);
    }
}
