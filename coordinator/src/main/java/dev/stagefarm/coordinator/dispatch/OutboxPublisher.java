package dev.stagefarm.coordinator.dispatch;

import dev.stagefarm.coordinator.config.CoordinatorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows on Kafka, oldest first, from one thread, and marks them
 * published once the broker acknowledged them ({@code acks=all}). Woken right after each commit
 * that added rows, and every {@code stagefarm.dispatch.poll-every} otherwise. At start it sends
 * whatever a previous run left unpublished: a crash between send and mark re-sends a job with the
 * same (stage run, attempt), which the claim rules absorb (the first claim wins, others abort).
 */
@ApplicationScoped
public class OutboxPublisher {
    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);

    @Inject
    CoordinatorConfig config;
    @Inject
    Instance<Outbox> outbox;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    KafkaClients kafka;

    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    void start(@Observes @Priority(20) StartupEvent event) {
        running = true;
        thread = new Thread(this::loop, "stagefarm-outbox");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wake.release();
        if (thread != null) {
            thread.join(5_000);
        }
    }

    /** Wakes the publisher when the current transaction commits. */
    void wakeAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wake.release();
                }
            }
        });
    }

    private void loop() {
        KafkaProducer<String, byte[]> producer = kafka.producer();
        while (running) {
            try {
                wake.tryAcquire(config.dispatch().pollEvery().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                while (running && publishBatch(producer) > 0) {
                    // keep going while rows remain
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | ExecutionException e) {
                LOG.warnf(e, "outbox publish failed; retrying");
                sleepQuietly();
            }
        }
    }

    private int publishBatch(KafkaProducer<String, byte[]> producer) throws InterruptedException, ExecutionException {
        List<OutboxEntity> rows = outbox.get().pending(config.dispatch().batch());
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        for (OutboxEntity row : rows) {
            sent.add(producer.send(new ProducerRecord<>(row.topic, row.messageKey, row.payload)));
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
        outbox.get().markPublished(rows.stream().map(r -> r.id).toList());
        return rows.size();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
