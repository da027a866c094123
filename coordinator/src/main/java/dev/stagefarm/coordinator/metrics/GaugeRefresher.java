package dev.stagefarm.coordinator.metrics;

import dev.stagefarm.coordinator.agent.AgentRepository;
import dev.stagefarm.coordinator.build.BuildRepository;
import dev.stagefarm.coordinator.build.BuildState;
import dev.stagefarm.coordinator.stage.StageRunRepository;
import dev.stagefarm.coordinator.stage.StageRunState;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Refreshes the running/queued gauges from the database every few seconds. */
@ApplicationScoped
public class GaugeRefresher {
    @Inject
    FarmMetrics metrics;
    @Inject
    BuildRepository builds;
    @Inject
    StageRunRepository runs;
    @Inject
    AgentRepository agents;

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refresh() {
        metrics.buildsRunning.set(builds.countIn(BuildState.RUNNING));
        metrics.buildsQueued.set(builds.countIn(BuildState.QUEUED));
        metrics.stagesRunning.set(runs.countIn(StageRunState.RUNNING));
        metrics.stagesQueued.set(runs.countIn(StageRunState.QUEUED));
        metrics.agentsSeen.set(agents.count());
    }
}
