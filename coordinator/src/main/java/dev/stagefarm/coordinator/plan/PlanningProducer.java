package dev.stagefarm.coordinator.plan;

import dev.stagefarm.coordinator.context.ContextFileDigests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Chooses the planning implementation the coordinator uses: the shared frontend's. */
@ApplicationScoped
public class PlanningProducer {
    @Produces
    @ApplicationScoped
    BuildPlanning planning(ContextFileDigests contextFiles) {
        return new FrontendPlanning(contextFiles);
    }
}
