package dev.stagefarm.agent.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The agent's meters (Prometheus names in brackets): stage durations by outcome
 * [{@code stagefarm_agent_stage_seconds}], step durations [{@code stagefarm_agent_step_seconds}],
 * bytes moved to and from object storage [{@code stagefarm_agent_bytes_total}], local cache hits
 * [{@code stagefarm_agent_cache_hits_total}], busy and total slots
 * [{@code stagefarm_agent_slots_busy}, {@code stagefarm_agent_slots}], attempt phases
 * [{@code stagefarm_agent_phase_seconds}], jobs a poll took beyond one and gave back
 * [{@code stagefarm_agent_jobs_released_total}]. Thread-safe.
 */
public final class AgentMetrics {

    private final MeterRegistry registry;
    private final Timer steps;
    private final Counter cacheHits;
    private final Counter bytesIn;
    private final Counter bytesOut;

    public AgentMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.steps = Timer.builder("stagefarm.agent.step").description("Duration of executed stage steps")
                .register(registry);
        this.cacheHits = Counter.builder("stagefarm.agent.cache.hits")
                .description("Steps answered by the local instruction cache").register(registry);
        this.bytesIn = Counter.builder("stagefarm.agent.bytes").tag("direction", "download").baseUnit("bytes")
                .description("Bytes moved between the agent and object storage").register(registry);
        this.bytesOut = Counter.builder("stagefarm.agent.bytes").tag("direction", "upload").baseUnit("bytes")
                .description("Bytes moved between the agent and object storage").register(registry);
    }

    /** Publishes the slot gauges, read from the intake when scraped. */
    public void slots(int total, IntSupplier busy) {
        Gauge.builder("stagefarm.agent.slots", () -> total).description("Stages this agent runs at once")
                .register(registry);
        Gauge.builder("stagefarm.agent.slots.busy", busy::getAsInt)
                .description("Stages running now").register(registry);
    }

    /** Publishes the count of jobs the intake took beyond one per poll and released (0 while polls take one). */
    public void releasedJobs(LongSupplier released) {
        FunctionCounter.builder("stagefarm.agent.jobs.released", released, LongSupplier::getAsLong)
                .description("Jobs a poll acquired beyond the one it takes, released to other agents").register(registry);
    }

    public void stageFinished(Duration took, String outcome) {
        Timer.builder("stagefarm.agent.stage").description("Duration of stage attempts").tag("outcome", outcome)
                .register(registry).record(took);
    }

    /** One phase of an attempt (context, plan, inputs, execute, export, log) [{@code stagefarm_agent_phase_seconds}]. */
    public void phaseFinished(String phase, Duration took) {
        Timer.builder("stagefarm.agent.phase").description("Duration of the phases of stage attempts")
                .tag("phase", phase).register(registry).record(took);
    }

    public void stepFinished(Duration took, boolean cached) {
        if (cached) {
            cacheHits.increment();
        } else {
            steps.record(took);
        }
    }

    public void downloaded(long bytes) {
        bytesIn.increment(bytes);
    }

    public void uploaded(long bytes) {
        bytesOut.increment(bytes);
    }
}
