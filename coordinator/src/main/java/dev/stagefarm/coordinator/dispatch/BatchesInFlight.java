package dev.stagefarm.coordinator.dispatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The outbox batches sent and not yet all acknowledged, oldest first, so the publisher can read and
 * send the next batch while earlier ones are on their way. Their rows are left out of the next
 * read by id, not by "id above the last sent": ids come from a pool, so a row with a lower id can
 * commit after one with a higher id, and must still be read. Acknowledged rows are handed over
 * oldest batch first, and only up to the first batch that is not yet complete, so a batch that
 * fails is never marked behind a later one's back.
 *
 * <p>Used by the publishing thread only, except {@link Batch#completed}, which the producers' I/O
 * threads call.
 */
final class BatchesInFlight {
    private final Deque<Batch> batches = new ArrayDeque<>();
    private final Runnable onBatchDone;

    /** @param onBatchDone called (on a producer thread) when a batch's last record is acknowledged or failed */
    BatchesInFlight(Runnable onBatchDone) {
        this.onBatchDone = onBatchDone;
    }

    /** A batch about to be sent; every one of its {@code ids} must then report {@link Batch#completed} once. */
    Batch open(List<Long> ids) {
        Batch batch = new Batch(ids, onBatchDone);
        batches.addLast(batch);
        return batch;
    }

    int size() {
        return batches.size();
    }

    boolean isEmpty() {
        return batches.isEmpty();
    }

    /** The ids of every row sent and not yet handed over by {@link #takeAcknowledged}. */
    List<Long> ids() {
        List<Long> ids = new ArrayList<>();
        batches.forEach(b -> ids.addAll(b.ids));
        return ids;
    }

    /**
     * Removes the complete batches at the head and returns their ids.
     *
     * @throws PublishFailedException when the oldest complete batch has a record the broker did not take
     */
    List<Long> takeAcknowledged() throws PublishFailedException {
        List<Long> ids = new ArrayList<>();
        while (!batches.isEmpty() && batches.peekFirst().done.getCount() == 0) {
            Batch head = batches.peekFirst();
            if (head.failure.get() != null) {
                throw new PublishFailedException(ids, head.failure.get());
            }
            batches.removeFirst();
            ids.addAll(head.ids);
        }
        return ids;
    }

    /**
     * Waits until every batch sent is complete, at most {@code timeoutMillis}, then hands over the
     * acknowledged ones as {@link #takeAcknowledged} does and forgets the rest (they are read and sent
     * again).
     */
    List<Long> settle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Batch b : batches) {
            b.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        List<Long> ids;
        try {
            ids = takeAcknowledged();
        } catch (PublishFailedException e) {
            ids = e.acknowledged;
        }
        batches.clear();
        return ids;
    }

    /** One batch of outbox rows as sent. */
    static final class Batch {
        private final List<Long> ids;
        private final Runnable onDone;
        private final AtomicInteger pending;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final CountDownLatch done = new CountDownLatch(1);

        private Batch(List<Long> ids, Runnable onDone) {
            this.ids = List.copyOf(ids);
            this.onDone = onDone;
            this.pending = new AtomicInteger(ids.size());
        }

        /** {@code records} of the batch were never handed to the producer (its {@code send} threw). */
        void notSent(int records, Exception error) {
            for (int i = 0; i < records; i++) {
                completed(error);
            }
        }

        /** One record of the batch was acknowledged ({@code error} null) or failed. */
        void completed(Exception error) {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            if (pending.decrementAndGet() == 0) {
                done.countDown();
                onDone.run();
            }
        }
    }

    /** A batch the broker did not take whole; the batches before it were acknowledged. */
    static final class PublishFailedException extends Exception {
        /** The ids of the complete batches before the failed one. */
        final transient List<Long> acknowledged;

        PublishFailedException(List<Long> acknowledged, Exception cause) {
            super("the broker did not take an outbox batch: " + cause.getMessage(), cause);
            this.acknowledged = List.copyOf(acknowledged);
        }
    }
}
