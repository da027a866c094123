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
import java.time.Duration;
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
 * published once the broker acknowledged them ({@code acks=all}), in the transaction that reads the
 * next batch (or at stop). Woken right after each commit that added rows, and every
 * {@code stagefarm.dispatch.poll-every} otherwise. At start it sends whatever a previous run left
 * unpublished: a crash between send and mark re-sends a job with the
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
    /** Ids the broker acknowledged and the outbox does not yet show as published (publishing thread only). */
    private List<Long> acknowledged = List.of();
    private volatile boolean running;
    private Thread thread;

    /** Starts the publishing loop (at application start; also after {@link #stop}, as a fresh instance would). */
    public void start(@Observes @Priority(20) StartupEvent event) {
        running = true;
        thread = new Thread(this::loop, "stagefarm-outbox");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the publishing loop and waits for it; what it had not finished is picked up by the next start. */
    public void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wake.release();
        if (thread != null) {
            thread.join(5_000);
        }
    }

    /** Wakes the publisher when the current transaction commits (registered once per transaction). */
    void wakeAfterCommit() {
        if (transactions.getResource(OutboxPublisher.class) != null) {
            return;
        }
        transactions.putResource(OutboxPublisher.class, Boolean.TRUE);
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
        try (Producers producer = new Producers(kafka.jobProducer(), kafka.producer())) {
            while (running) {
                try {
                    wake.tryAcquire(config.dispatch().pollEvery().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                    while (running && publishBatch(producer) > 0) {
                        // keep going while rows remain
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (RuntimeException | ExecutionException e) {
                    LOG.warnf(e, "outbox publish failed; retrying");
                    sleepQuietly();
                }
            }
            markAcknowledged();
        }
    }

    /** At stop: what the broker acknowledged is not sent again by the next start. */
    private void markAcknowledged() {
        if (!acknowledged.isEmpty()) {
            try {
                outbox.get().markPublished(acknowledged);
                acknowledged = List.of();
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not mark %d published messages; the next start sends them again",
                        acknowledged.size());
            }
        }
    }

    private int publishBatch(Producers producer) throws InterruptedException, ExecutionException {
        List<OutboxEntity> rows = outbox.get().markPublishedAndTakeNext(acknowledged, config.dispatch().batch());
        acknowledged = List.of();
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        for (OutboxEntity row : rows) {
            sent.add(producer.of(row.topic).send(new ProducerRecord<>(row.topic, row.messageKey, row.payload)));
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
        // Marked published together with reading the next batch, or at stop.
        acknowledged = rows.stream().map(r -> r.id).toList();
        return rows.size();
    }

    /** Jobs through their own producer (see {@link KafkaClients#jobProducer}), the rest through the other; both batch. */
    private final class Producers implements AutoCloseable {
        private final KafkaProducer<String, byte[]> jobs;
        private final KafkaProducer<String, byte[]> others;

        Producers(KafkaProducer<String, byte[]> jobs, KafkaProducer<String, byte[]> others) {
            this.jobs = jobs;
            this.others = others;
        }

        KafkaProducer<String, byte[]> of(String topic) {
            return topic.equals(config.topics().stageJobs()) ? jobs : others;
        }

        void flush() {
            jobs.flush();
            others.flush();
        }

        @Override
        public void close() {
            jobs.close(Duration.ofSeconds(2));
            others.close(Duration.ofSeconds(2));
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
