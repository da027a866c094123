package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.exec.LogListener;
import dev.stagefarm.agent.stage.StageStep;

/** Progress of a stage: steps as they start and end, RUN output as it comes. */
public interface StageListener extends LogListener {

    /** {@code index} is 0-based over the stage's steps. */
    default void stepStarted(int index, StageStep step) {
    }

    /** {@code cached} when the local instruction cache answered instead of the daemon. */
    default void stepFinished(int index, StageStep step, boolean cached) {
    }

    @Override
    default void line(Stream stream, String text) {
    }

    StageListener NONE = new StageListener() {
    };
}
