package dev.stagefarm.agent.report;

import dev.stagefarm.protocol.StageEvent;

/**
 * Where an agent's {@link StageEvent}s go: the stage-event topic, keyed by build id. Implementations
 * are thread-safe and keep the order of events of one build.
 */
public interface EventSink {

    /** Sends without waiting (progress and logs: a lost one is not worth blocking a stage for). */
    void send(StageEvent event);

    /**
     * Sends and waits until the broker has it durably ({@code acks=all}): claims and results.
     *
     * @throws dev.stagefarm.failure.StagefarmException with code {@code KAFKA} when it did not arrive
     */
    void sendAndWait(StageEvent event);
}
