package dev.stagefarm.agent.intake;

import dev.stagefarm.agent.control.AttemptControl;
import dev.stagefarm.agent.control.RunningAttempts;
import dev.stagefarm.agent.control.StopReason;
import dev.stagefarm.agent.job.JobPipeline;
import dev.stagefarm.agent.report.AttemptReporter;
import dev.stagefarm.agent.report.EventSink;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.protocol.AgentInfo;
import dev.stagefarm.protocol.ProtocolCodec;
import dev.stagefarm.protocol.StageJob;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Takes stage jobs from the share group, one per free slot, as the share-group notes prescribe:
 * poll only while a slot is free; for the record taken, publish {@code Claimed} durably and wait;
 * if that fails RELEASE the record and back off; otherwise ACCEPT and commit at once (the record
 * is held for well under a second) and run the attempt on a worker thread. The coordinator sends
 * jobs in shared record batches, and a share consumer acquires a whole batch unless
 * {@code share.acquire.mode=record_limit} caps the acquisition at {@code max.poll.records} (1):
 * so a poll takes one job and leaves the rest of the batch to other agents. Should a poll still
 * return more, the extras are RELEASEd for other agents; unreadable records are REJECTed. The
 * consumer is touched by the intake thread only.
 *
 * <p>{@link #shutdown} stops polling, lets running attempts finish within the grace period, then
 * stops the rest as infrastructure failures so the coordinator runs them elsewhere.
 */
public final class JobIntake {
    private static final Logger LOG = Logger.getLogger(JobIntake.class);

    /** Where and how to take jobs. */
    public record Settings(String bootstrapServers, String topic, String group, int slots, Duration pollTimeout,
            Duration claimBackoff, Map<String, String> labels, String host) {
    }

    private final String agentId;
    private final Settings settings;
    private final EventSink events;
    private final JobPipeline pipeline;
    private final RunningAttempts running;
    private final Clock clock;
    private final Semaphore slots;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong released = new AtomicLong();
    private final ExecutorService workers;
    private final KafkaShareConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean polling = true;

    public JobIntake(String agentId, Settings settings, EventSink events, JobPipeline pipeline,
            RunningAttempts running, Clock clock) {
        this.agentId = agentId;
        this.settings = settings;
        this.events = events;
        this.pipeline = pipeline;
        this.running = running;
        this.clock = clock;
        this.slots = new Semaphore(settings.slots());
        this.workers = Executors.newFixedThreadPool(settings.slots(), r -> new Thread(r, "stagefarm-stage"));
        this.consumer = new KafkaShareConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, settings.group(),
                ConsumerConfig.CLIENT_ID_CONFIG, "stagefarm-agent-" + agentId,
                ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit",
                ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::loop, "stagefarm-intake");
    }

    public void start() {
        thread.start();
    }

    public int busySlots() {
        return busy.get();
    }

    /**
     * Records a poll returned beyond the one it takes, given back to the group: 0 while the
     * acquisition limit holds. Each one cost another agent a delivery attempt of that job.
     */
    public long releasedExtras() {
        return released.get();
    }

    public int slots() {
        return settings.slots();
    }

    /** What the agent says about itself in claims and heartbeats. */
    public AgentInfo info() {
        return new AgentInfo(settings.host(), settings.slots(), busy.get(), settings.labels());
    }

    private void loop() {
        try {
            consumer.subscribe(List.of(settings.topic()));
            while (polling) {
                if (!slots.tryAcquire(settings.pollTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                boolean handedOver = false;
                try {
                    handedOver = takeOne();
                } finally {
                    if (!handedOver) {
                        slots.release();
                    }
                }
            }
        } catch (InterruptedException | WakeupException e) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.errorf(e, "job intake stopped");
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Polls once; returns true when a job was claimed and handed to a worker (which frees the slot). */
    private boolean takeOne() throws InterruptedException {
        ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
        if (records.isEmpty()) {
            return false;
        }
        Iterator<ConsumerRecord<String, byte[]>> it = records.iterator();
        ConsumerRecord<String, byte[]> first = it.next();
        // A guard: record_limit should make this empty.
        it.forEachRemaining(extra -> {
            consumer.acknowledge(extra, AcknowledgeType.RELEASE);
            released.incrementAndGet();
        });
        StageJob job;
        try {
            job = ProtocolCodec.decodeJob(first.value());
        } catch (StagefarmException e) {
            LOG.errorf("rejecting an unreadable job at offset %d: %s", first.offset(), e.getMessage());
            consumer.acknowledge(first, AcknowledgeType.REJECT);
            consumer.commitSync();
            return false;
        }
        AttemptReporter reporter = new AttemptReporter(job, agentId, events, clock, this::info);
        busy.incrementAndGet();
        try {
            reporter.claimed();
        } catch (RuntimeException e) {
            busy.decrementAndGet();
            LOG.warnf("could not claim %s/%d, releasing it: %s", job.stageRunId(), job.attempt(), e.getMessage());
            consumer.acknowledge(first, AcknowledgeType.RELEASE);
            consumer.commitSync();
            Thread.sleep(settings.claimBackoff().toMillis());
            return false;
        }
        consumer.acknowledge(first, AcknowledgeType.ACCEPT);
        try {
            consumer.commitSync();
        } catch (RuntimeException e) {
            // The claim is out: the coordinator decides between this agent and any other claimer.
            LOG.warnf("acknowledging %s/%d failed: %s", job.stageRunId(), job.attempt(), e.getMessage());
        }
        AttemptControl control = new AttemptControl(job.buildId(), job.stageRunId(), job.attempt());
        running.add(control);
        LOG.infof("claimed build %s stage %s (run %s, attempt %d)", job.buildId(), job.stage().displayName(),
                job.stageRunId(), job.attempt());
        workers.execute(() -> {
            try {
                pipeline.run(reporter, control);
            } finally {
                running.remove(control);
                busy.decrementAndGet();
                slots.release();
            }
        });
        return true;
    }

    /**
     * Stops taking jobs, waits up to {@code grace} for running attempts, then stops the rest as
     * infrastructure failures and waits (briefly) for them to report.
     */
    public void shutdown(Duration grace) throws InterruptedException {
        polling = false;
        consumer.wakeup();
        thread.join(10_000);
        workers.shutdown();
        if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warnf("%d stage(s) still running after the grace period: stopping them", running.size());
            running.stopAll(StopReason.AGENT_STOPPING);
            workers.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
