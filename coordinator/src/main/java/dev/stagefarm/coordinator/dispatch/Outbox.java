package dev.stagefarm.coordinator.dispatch;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

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

    /** The oldest unpublished messages, at most {@code limit}. */
    @Transactional
    public List<OutboxEntity> pending(int limit) {
        return find("publishedAt is null order by id").page(0, limit).list();
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
