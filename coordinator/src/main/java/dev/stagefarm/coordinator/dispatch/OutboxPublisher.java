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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows on Kafka, oldest first, from one thread, and marks them
 * published once the broker acknowledged them ({@code acks=all}), in the transaction that reads the
 * next batch (or at stop). It does not wait for a batch's acknowledgements before reading and
 * sending the next one (up to {@code stagefarm.dispatch.in-flight} batches on their way): rows
 * committed meanwhile go out at once rather than one acknowledgement round trip later. Order holds
 * all the same: the rows of one topic go through one idempotent producer in the order they were
 * read (a build's rows commit in id order, under the build's lock), and a batch the broker did not
 * take is sent again with every batch sent after it, in order.
 * Woken right after each commit that added rows and when a batch is acknowledged, and every
 * {@code stagefarm.dispatch.poll-every} otherwise. At start it sends whatever a previous run left
 * unpublished: a crash between send and mark re-sends a job with the same (stage run, attempt),
 * which the claim rules absorb (the first claim wins, others abort). A stop waits for the batches
 * on their way and marks the acknowledged ones, so a restart sends nothing twice.
 */
@ApplicationScoped
public class OutboxPublisher {
    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);
    /** How long a stop waits for the batches on their way (the stop itself waits 5 s for this thread). */
    private static final long SETTLE_AT_STOP_MILLIS = 3_000;

    @Inject
    CoordinatorConfig config;
    @Inject
    Instance<Outbox> outbox;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    KafkaClients kafka;

    private final Semaphore wake = new Semaphore(0);
    /** Batches sent, not yet all acknowledged (publishing thread only; a fresh set per start). */
    private BatchesInFlight inFlight;
    /** Ids the broker acknowledged and the outbox does not yet show as published (publishing thread only). */
    private final List<Long> acknowledged = new ArrayList<>();
    private volatile boolean running;
    private Thread thread;

    /** Starts the publishing loop (at application start; also after {@link #stop}, as a fresh instance would). */
    public void start(@Observes @Priority(20) StartupEvent event) {
        running = true;
        inFlight = new BatchesInFlight(wake::release);
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
                    // A wake-up that comes while a round runs leaves a permit: no commit goes unnoticed.
                    if (!publishRound(producer)) {
                        wake.tryAcquire(config.dispatch().pollEvery().toMillis(), TimeUnit.MILLISECONDS);
                        wake.drainPermits();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (BatchesInFlight.PublishFailedException e) {
                    LOG.warnf(e, "outbox publish failed; sending again from the oldest unpublished row");
                    acknowledged.addAll(e.acknowledged);
                    // Not marked, even if acknowledged: sent again after the failed batch, so order holds.
                    inFlight = new BatchesInFlight(wake::release);
                    sleepQuietly();
                } catch (RuntimeException e) {
                    LOG.warnf(e, "outbox publish failed; retrying");
                    sleepQuietly();
                }
            }
            try {
                acknowledged.addAll(inFlight.settle(SETTLE_AT_STOP_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            markAcknowledged();
        }
    }

    /** At stop: what the broker acknowledged is not sent again by the next start. */
    private void markAcknowledged() {
        if (!acknowledged.isEmpty()) {
            try {
                outbox.get().markPublished(List.copyOf(acknowledged));
                acknowledged.clear();
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not mark %d published messages; the next start sends them again",
                        acknowledged.size());
            }
        }
    }

    /**
     * Marks what was acknowledged and, when fewer batches than allowed are on their way, reads the
     * next rows (leaving out those on their way) and sends them without waiting. Returns whether a
     * full batch was read, so more may be waiting; otherwise every later commit wakes the publisher.
     */
    private boolean publishRound(Producers producer) throws BatchesInFlight.PublishFailedException {
        acknowledged.addAll(inFlight.takeAcknowledged());
        int limit = inFlight.size() < config.dispatch().inFlight() ? config.dispatch().batch() : 0;
        if (limit == 0 && acknowledged.isEmpty()) {
            return false;
        }
        List<OutboxEntity> rows = outbox.get().markPublishedAndTakeNext(List.copyOf(acknowledged), inFlight.ids(),
                limit);
        acknowledged.clear();
        if (rows.isEmpty()) {
            return false;
        }
        BatchesInFlight.Batch batch = inFlight.open(rows.stream().map(r -> r.id).toList());
        for (int i = 0; i < rows.size(); i++) {
            OutboxEntity row = rows.get(i);
            try {
                producer.of(row.topic).send(new ProducerRecord<>(row.topic, row.messageKey, row.payload),
                        (metadata, error) -> batch.completed(error));
            } catch (RuntimeException e) {
                batch.notSent(rows.size() - i, e);
                throw e;
            }
        }
        return rows.size() == limit;
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
