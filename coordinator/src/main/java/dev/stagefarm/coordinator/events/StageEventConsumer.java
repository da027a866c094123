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
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Reads the stage-event topic on one thread and applies each event in its own transaction, then
 * commits the offsets of the batch. A crash before the commit redelivers the batch, which the
 * idempotent handler absorbs. A message that cannot be read is logged and skipped.
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
    private Thread thread;

    void start(@Observes @Priority(10) StartupEvent event) throws InterruptedException {
        if (config.topics().create()) {
            kafka.ensureTopics();
        }
        consumer = kafka.eventConsumer();
        consumer.subscribe(List.of(config.topics().stageEvents()));
        running = true;
        thread = new Thread(this::loop, "stagefarm-stage-events");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
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
                for (ConsumerRecord<String, byte[]> record : records) {
                    handle(record);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        StageEvent event;
        try {
            event = ProtocolCodec.decodeEvent(record.value());
        } catch (StagefarmException e) {
            LOG.warnf("skipped unreadable stage event at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
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
