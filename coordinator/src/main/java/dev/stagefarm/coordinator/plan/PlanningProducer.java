package dev.stagefarm.coordinator.plan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Chooses the planning implementation the coordinator uses. */
@ApplicationScoped
public class PlanningProducer {
    @Produces
    @ApplicationScoped
    BuildPlanning planning() {
        return new StageLinePlanning();
    }
}
