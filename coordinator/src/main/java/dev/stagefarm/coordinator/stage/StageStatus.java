package dev.stagefarm.coordinator.stage;

import java.util.List;

/**
 * What scheduling needs to know of one stage run: where it is and what it waits for.
 *
 * @param index the stage's index in the Dockerfile
 * @param state its state now
 * @param dependsOn the indexes of the stages it needs
 */
public record StageStatus(int index, StageRunState state, List<Integer> dependsOn) {
    public StageStatus {
        dependsOn = List.copyOf(dependsOn);
    }
}
