package dev.stagefarm.agent.service;

import dev.stagefarm.agent.cache.InstructionCache;
import dev.stagefarm.agent.control.ControlListener;
import dev.stagefarm.agent.control.RunningAttempts;
import dev.stagefarm.agent.docker.DockerEngine;
import dev.stagefarm.agent.executor.CacheLocks;
import dev.stagefarm.agent.executor.StageExecutor;
import dev.stagefarm.agent.executor.StageSession;
import dev.stagefarm.agent.health.AgentMetrics;
import dev.stagefarm.agent.intake.JobIntake;
import dev.stagefarm.agent.job.JobPipeline;
import dev.stagefarm.agent.report.KafkaEventSink;
import dev.stagefarm.objectstore.S3ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/**
 * One running agent: its daemon, object store, event producer, control listener and job intake,
 * wired together. {@link #start} removes what a killed predecessor left on the daemon, then starts
 * listening and taking jobs; {@link #close} stops as a scaled-in pod should (see
 * {@link JobIntake#shutdown}). Framework-free, so tests run whole agents side by side.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Agent.class);

    private final AgentOptions options;
    private final DockerEngine engine;
    private final S3ObjectStore store;
    private final KafkaEventSink events;
    private final RunningAttempts running;
    private final ControlListener control;
    private final ScheduledExecutorService heartbeats;
    private final JobIntake intake;
    private volatile int removedAtStart;

    private Agent(AgentOptions options, MeterRegistry registry, Clock clock) {
        this.options = options;
        this.engine = DockerEngine.connect(options.dockerHost());
        this.store = new S3ObjectStore(options.s3());
        this.events = new KafkaEventSink(options.bootstrapServers(), options.eventsTopic(), "stagefarm-agent-"
                + options.id(), Duration.ofSeconds(15));
        this.running = new RunningAttempts(options.id());
        this.control = new ControlListener(options.bootstrapServers(), options.controlTopic(), options.id(), running);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stagefarm-heartbeat");
            t.setDaemon(true);
            return t;
        });
        AgentMetrics metrics = new AgentMetrics(registry);
        InstructionCache cache = options.instructionCache()
                ? new InstructionCache(options.workDir().resolve("instruction-cache.properties")) : null;
        CacheLocks locks = new CacheLocks();
        JobPipeline pipeline = new JobPipeline(options.id(), engine, store,
                (executorId, scratch) -> new StageExecutor(engine, executorId, scratch, locks, cache),
                heartbeats, metrics, clock,
                new JobPipeline.Settings(options.workDir().resolve("attempts"), options.heartbeat(), 16 * 1024,
                        Duration.ofMillis(250)));
        this.intake = new JobIntake(options.id(), new JobIntake.Settings(options.bootstrapServers(),
                options.jobsTopic(), options.group(), options.slots(), Duration.ofMillis(500), Duration.ofSeconds(2),
                options.labels(), options.host()), events, pipeline, running, clock);
        metrics.slots(options.slots(), intake::busySlots);
        metrics.releasedJobs(intake::releasedExtras);
    }

    /** Starts an agent: clears leftovers on its daemon, then listens for control messages and takes jobs. */
    public static Agent start(AgentOptions options, MeterRegistry registry, Clock clock) {
        Agent agent = new Agent(options, registry, clock);
        int leftovers = StageSession.removeLeftovers(agent.engine, options.id());
        agent.removedAtStart = leftovers;
        if (leftovers > 0) {
            LOG.infof("removed %d container(s) a previous run of agent %s left", leftovers, options.id());
        }
        agent.control.start();
        agent.intake.start();
        LOG.infof("agent %s takes jobs from %s with %d slot(s)", options.id(), options.jobsTopic(), options.slots());
        return agent;
    }

    /** How many containers of a killed predecessor the start removed. */
    public int removedAtStart() {
        return removedAtStart;
    }

    public AgentOptions options() {
        return options;
    }

    public DockerEngine engine() {
        return engine;
    }

    public S3ObjectStore store() {
        return store;
    }

    public JobIntake intake() {
        return intake;
    }

    public ControlListener control() {
        return control;
    }

    /** Stops taking jobs, lets running stages finish within the grace period, then closes everything. */
    @Override
    public void close() throws InterruptedException {
        try {
            intake.shutdown(options.shutdownGrace());
        } finally {
            heartbeats.shutdownNow();
            control.close();
            events.close();
            store.close();
            engine.close();
        }
    }
}
