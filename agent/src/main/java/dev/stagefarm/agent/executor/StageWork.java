package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.stage.StageStep;
import java.util.List;

/**
 * One stage to execute: its name (for messages and container names), its base and its
 * instructions in order.
 */
public record StageWork(String stageName, BaseImage base, List<StageStep> steps) {

    public StageWork {
        steps = List.copyOf(steps);
    }
}
