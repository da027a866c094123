package dev.stagefarm.coordinator.lease;

import dev.stagefarm.coordinator.build.BuildEntity;
import dev.stagefarm.coordinator.build.BuildRepository;
import dev.stagefarm.coordinator.config.CoordinatorConfig;
import dev.stagefarm.coordinator.stage.StageRunEntity;
import dev.stagefarm.coordinator.stage.StageRunRepository;
import dev.stagefarm.coordinator.stage.StageRunState;
import dev.stagefarm.coordinator.stage.StageTransitions;
import dev.stagefarm.failure.FailureCode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The leases in PostgreSQL, and the scheduled run of the {@link LeaseMonitor} over them. Each
 * expiry is its own transaction under the build's lock, and re-checks the attempt, so a heartbeat
 * that arrived meanwhile wins.
 *
 * <p>A coordinator that was down saw none of the heartbeats sent meanwhile (they wait in Kafka),
 * so at start it gives every running attempt one whole lease before judging it; until then no
 * lease is expired.
 */
@ApplicationScoped
public class DatabaseLeases implements LeaseStore, Requeuer {
    private static final Logger LOG = Logger.getLogger(DatabaseLeases.class);

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
    private volatile boolean resumed;

    @PostConstruct
    void init() {
        monitor = new LeaseMonitor(clock, this, this);
    }

    // Before the event consumer (priority 10) starts reading the heartbeats that waited.
    void resume(@Observes @Priority(5) StartupEvent event) {
        Instant until = clock.instant().plus(config.lease().timeout());
        int extended = QuarkusTransaction.requiringNew().call(() -> runs.extendLeasesTo(until));
        if (extended > 0) {
            LOG.infof("%d running attempts keep their lease until %s (the coordinator was away)", extended, until);
        }
        resumed = true;
    }

    @Scheduled(every = "${stagefarm.lease.check-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (resumed) {
            monitor.expire();
        }
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
        transitions.publishEvents();
    }
}
