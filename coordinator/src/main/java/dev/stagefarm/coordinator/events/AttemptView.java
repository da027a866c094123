package dev.stagefarm.coordinator.events;

import dev.stagefarm.coordinator.stage.StageRunState;

/**
 * The current attempt of a stage run as the event rules see it.
 *
 * @param state the stage run's state
 * @param attempt the current attempt number
 * @param claimedBy the agent holding the current attempt, or null before a claim
 * @param maxAttempts how many attempts the stage may have in all
 */
public record AttemptView(StageRunState state, int attempt, String claimedBy, int maxAttempts) {
}
