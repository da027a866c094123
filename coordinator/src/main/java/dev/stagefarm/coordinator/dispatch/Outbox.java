package dev.stagefarm.coordinator.dispatch;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import org.hibernate.jpa.HibernateHints;

/**
 * The messages waiting to be published. {@link #add} joins the caller's transaction; the
 * {@link OutboxPublisher} sends what was committed, in order, and marks it published.
 */
@ApplicationScoped
public class Outbox implements PanacheRepositoryBase<OutboxEntity, Long> {
    @Inject
    Clock clock;
    @Inject
    OutboxPublisher publisher;

    /** Queues a message; must be called inside the transaction of the change it belongs to. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String topic, String key, byte[] payload) {
        OutboxEntity row = new OutboxEntity();
        row.topic = topic;
        row.messageKey = key;
        row.payload = payload;
        row.createdAt = clock.instant();
        persist(row);
        publisher.wakeAfterCommit();
    }

    /**
     * Marks the messages the broker acknowledged and returns the oldest unpublished ones, at most
     * {@code limit}, other than those already sent and awaiting acknowledgement ({@code onTheirWay}),
     * in one transaction: the publisher's one round of database work per batch.
     */
    @Transactional
    public List<OutboxEntity> markPublishedAndTakeNext(List<Long> published, List<Long> onTheirWay, int limit) {
        if (!published.isEmpty()) {
            markPublished(published);
        }
        if (limit == 0) {
            return List.of();
        }
        // Read-only: the rows are sent, never changed through the entities.
        PanacheQuery<OutboxEntity> next = onTheirWay.isEmpty() ? find("publishedAt is null order by id")
                : find("publishedAt is null and id not in ?1 order by id", onTheirWay);
        return next.withHint(HibernateHints.HINT_READ_ONLY, true).page(0, limit).list();
    }

    @Transactional
    public void markPublished(List<Long> ids) {
        update("publishedAt = ?1 where id in ?2", clock.instant(), ids);
    }

    @Transactional
    public long pendingCount() {
        return count("publishedAt is null");
    }
}
