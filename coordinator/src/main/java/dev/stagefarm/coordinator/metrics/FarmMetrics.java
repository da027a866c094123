package dev.stagefarm.coordinator.metrics;

import dev.stagefarm.coordinator.build.BuildState;
import dev.stagefarm.coordinator.stage.StageRunState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coordinator's Prometheus metrics (served at {@code /q/metrics}). Gauges of running and
 * queued work are refreshed from the database by {@link GaugeRefresher}, so they are right after a
 * restart too. Thread-safe.
 */
@ApplicationScoped
public class FarmMetrics {
    @Inject
    MeterRegistry registry;

    final AtomicLong buildsRunning = new AtomicLong();
    final AtomicLong buildsQueued = new AtomicLong();
    final AtomicLong stagesRunning = new AtomicLong();
    final AtomicLong stagesQueued = new AtomicLong();
    final AtomicLong agentsSeen = new AtomicLong();
    private Timer stageDuration;
    private Timer queueWait;
    private Counter contextBytes;

    @jakarta.annotation.PostConstruct
    void register() {
        registry.gauge("stagefarm.builds.active", java.util.List.of(io.micrometer.core.instrument.Tag.of("state",
                "running")), buildsRunning);
        registry.gauge("stagefarm.builds.active", java.util.List.of(io.micrometer.core.instrument.Tag.of("state",
                "queued")), buildsQueued);
        registry.gauge("stagefarm.stages.active", java.util.List.of(io.micrometer.core.instrument.Tag.of("state",
                "running")), stagesRunning);
        registry.gauge("stagefarm.stages.active", java.util.List.of(io.micrometer.core.instrument.Tag.of("state",
                "queued")), stagesQueued);
        registry.gauge("stagefarm.agents.seen", agentsSeen);
        stageDuration = Timer.builder("stagefarm.stage.duration").description("Claim to end of a stage attempt")
                .publishPercentileHistogram().register(registry);
        queueWait = Timer.builder("stagefarm.stage.queue.wait").description("Queued to claimed")
                .publishPercentileHistogram().register(registry);
        contextBytes = Counter.builder("stagefarm.context.uploaded.bytes").baseUnit("bytes").register(registry);
    }

    public void buildEnded(BuildState outcome) {
        registry.counter("stagefarm.builds.finished", "outcome", outcome.name().toLowerCase()).increment();
    }

    public void stageEnded(StageRunState outcome, Duration ran) {
        registry.counter("stagefarm.stages.finished", "outcome", outcome.name().toLowerCase()).increment();
        if (ran != null) {
            stageDuration.record(ran);
        }
    }

    public void stageClaimed(Duration waited) {
        queueWait.record(waited);
    }

    public void contextUploaded(long bytes) {
        contextBytes.increment(bytes);
    }
}
