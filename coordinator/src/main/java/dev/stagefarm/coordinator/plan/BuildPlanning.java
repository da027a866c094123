package dev.stagefarm.coordinator.plan;

import dev.stagefarm.failure.StagefarmException;

/**
 * Turns a build request into the graph of stages the coordinator schedules. The one place where
 * the coordinator depends on the Dockerfile frontend.
 */
public interface BuildPlanning {

    /**
     * @throws StagefarmException with the frontend's code, message and Dockerfile line when the
     *     Dockerfile or the request cannot be planned
     */
    StageGraph plan(PlanningRequest request);
}
