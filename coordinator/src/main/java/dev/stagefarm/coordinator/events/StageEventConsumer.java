package dev.stagefarm.coordinator.events;

import dev.stagefarm.coordinator.config.CoordinatorConfig;
import dev.stagefarm.coordinator.dispatch.KafkaClients;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.protocol.ProtocolCodec;
import dev.stagefarm.protocol.StageEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Reads the stage-event topic on one thread and applies each poll's events in a few transactions,
 * then commits the offsets of the batch without waiting for the broker (and the last applied ones
 * once more, waiting, at stop). A crash before a commit redelivers the batch, which the idempotent
 * handler absorbs. A message that cannot be read is logged and skipped.
 */
@ApplicationScoped
public class StageEventConsumer {
    private static final Logger LOG = Logger.getLogger(StageEventConsumer.class);

    private static final int MAX_TRIES = 10;

    @Inject
    KafkaClients kafka;
    @Inject
    CoordinatorConfig config;
    @Inject
    StageEventHandler handler;

    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    /** Per partition, the offset after the last event applied (touched by the event loop only). */
    private final Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
    private Thread thread;

    /** Starts the event loop (at application start; also after {@link #stop}, as a fresh instance would). */
    public void start(@Observes @Priority(10) StartupEvent event) throws InterruptedException {
        if (config.topics().create()) {
            kafka.ensureTopics();
        }
        consumer = kafka.eventConsumer();
        applied.clear();
        consumer.subscribe(List.of(config.topics().stageEvents()));
        running = true;
        thread = new Thread(this::loop, "stagefarm-stage-events");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the event loop and waits for it; what it had not finished is picked up by the next start. */
    public void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }

    private void loop() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!running) {
                    break; // stopped while polling: these events are the next start's, uncommitted
                }
                if (!records.isEmpty()) {
                    handleBatch(records);
                    remember(records);
                    // Not waited for: a commit that is lost only redelivers events already applied,
                    // which the idempotent handler absorbs, and waiting would hold up the next poll.
                    consumer.commitAsync(Map.copyOf(applied), this::commitFailed);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            commitApplied();
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void remember(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> of = records.records(partition);
            applied.put(partition, new OffsetAndMetadata(of.get(of.size() - 1).offset() + 1));
        }
    }

    private void commitFailed(Map<TopicPartition, OffsetAndMetadata> offsets, Exception e) {
        if (e != null) {
            LOG.debugf("offset commit failed (the next one covers it): %s", e.getMessage());
        }
    }

    /** The offsets of what was applied, at the end; the events after them are redelivered at the next start. */
    private void commitApplied() {
        try {
            try {
                consumer.commitSync(applied, Duration.ofSeconds(2));
            } catch (WakeupException e) {
                // the stop's wake-up came while no call was blocking: it is spent now, commit again
                consumer.commitSync(applied, Duration.ofSeconds(2));
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not commit the applied events' offsets at stop (they are applied again at the next"
                    + " start): %s", e.toString());
        }
    }

    /**
     * The poll's events in order, in transactions of at most {@code stagefarm.events.per-transaction}
     * (a transaction per poll would hold every job its first events queue until its last is applied);
     * should one fail (a database hiccup, or one event the handler cannot apply), its events are
     * applied one by one so one bad event cannot hold up the rest.
     */
    private void handleBatch(ConsumerRecords<String, byte[]> records) {
        List<StageEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(ProtocolCodec.decodeEvent(record.value()));
            } catch (StagefarmException e) {
                LOG.warnf("skipped unreadable stage event at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        int size = config.events().perTransaction();
        for (int from = 0; from < events.size(); from += size) {
            List<StageEvent> chunk = events.subList(from, Math.min(events.size(), from + size));
            try {
                handler.handleAll(chunk);
            } catch (RuntimeException e) {
                LOG.warnf(e, "a batch of %d stage events was not applied; applying them one by one", chunk.size());
                chunk.forEach(this::handle);
            }
        }
    }

    private void handle(StageEvent event) {
        // A failing transaction (database briefly down) is retried: skipping the event would lose a
        // state change. An event that keeps failing is logged and left behind so the others go on.
        for (int tries = 1; running; tries++) {
            try {
                handler.handle(event);
                return;
            } catch (RuntimeException e) {
                if (tries == MAX_TRIES) {
                    LOG.errorf(e, "gave up on stage event %s for %s", event.getClass().getSimpleName(),
                            event.stageRunId());
                    return;
                }
                LOG.warnf(e, "stage event %s for %s not applied; retrying", event.getClass().getSimpleName(),
                        event.stageRunId());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
