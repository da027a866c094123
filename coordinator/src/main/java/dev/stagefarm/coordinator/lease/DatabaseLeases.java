package dev.stagefarm.coordinator.lease;

import dev.stagefarm.coordinator.build.BuildEntity;
import dev.stagefarm.coordinator.build.BuildRepository;
import dev.stagefarm.coordinator.config.CoordinatorConfig;
import dev.stagefarm.coordinator.stage.StageRunEntity;
import dev.stagefarm.coordinator.stage.StageRunRepository;
import dev.stagefarm.coordinator.stage.StageRunState;
import dev.stagefarm.coordinator.stage.StageTransitions;
import dev.stagefarm.failure.FailureCode;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The leases in PostgreSQL, and the scheduled run of the {@link LeaseMonitor} over them. Each
 * expiry is its own transaction under the build's lock, and re-checks the attempt, so a heartbeat
 * that arrived meanwhile wins.
 */
@ApplicationScoped
public class DatabaseLeases implements LeaseStore, Requeuer {
    @Inject
    Clock clock;
    @Inject
    StageRunRepository runs;
    @Inject
    BuildRepository builds;
    @Inject
    StageTransitions transitions;
    @Inject
    CoordinatorConfig config;

    private LeaseMonitor monitor;

    @PostConstruct
    void init() {
        monitor = new LeaseMonitor(clock, this, this);
    }

    @Scheduled(every = "${stagefarm.lease.check-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        monitor.expire();
    }

    @Override
    @Transactional
    public List<LeaseHolder> expiredAt(Instant now) {
        return runs.expiredLeases(now).stream()
                .map(r -> new LeaseHolder(r.buildId, r.id, r.attempt, r.claimedBy, r.leaseExpiresAt)).toList();
    }

    @Override
    @Transactional
    public void leaseExpired(LeaseHolder lease, Instant now) {
        Optional<BuildEntity> build = builds.lock(lease.buildId());
        if (build.isEmpty() || build.get().state.terminal()) {
            return;
        }
        List<StageRunEntity> stages = runs.ofBuild(lease.buildId());
        StageRunEntity run = stages.stream().filter(s -> s.id.equals(lease.stageRunId())).findFirst().orElse(null);
        if (run == null || run.state != StageRunState.RUNNING || run.attempt != lease.attempt()
                || run.leaseExpiresAt == null || !run.leaseExpiresAt.isBefore(now)) {
            return;
        }
        transitions.retryOrExhaust(build.get(), stages, run, FailureCode.AGENT_LOST,
                "agent " + lease.agentId() + " sent no heartbeat for " + config.lease().timeout().toSeconds() + " s");
    }
}
