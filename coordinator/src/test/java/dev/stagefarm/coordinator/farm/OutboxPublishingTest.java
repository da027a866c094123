package dev.stagefarm.coordinator.farm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.coordinator.dispatch.Outbox;
import dev.stagefarm.coordinator.dispatch.OutboxEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox publisher keeps reading and sending while earlier batches await their
 * acknowledgements; what it publishes, on a topic of its own. Slow (Quarkus with real services).
 */
@QuarkusTest
@QuarkusTestResource(value = FarmServices.class, restrictToAnnotatedClass = false)
class OutboxPublishingTest {
    private static final String TOPIC = "stagefarm.test-outbox";

    @Inject
    Outbox outbox;
    @Inject
    EntityManager em;

    @BeforeAll
    static void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, FarmServices.bootstrap))) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
            }
        }
    }

    @Test
    void rowCommittedAfterOneWithAHigherIdIsPublishedToo() throws Exception {
        String key = UUID.randomUUID().toString();
        CountDownLatch earlyAdded = new CountDownLatch(1);
        CountDownLatch lateSent = new CountDownLatch(1);
        // The early row takes its id first and commits last: pooled ids do not commit in id order.
        CompletableFuture<Void> early = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.add(TOPIC, key, bytes("early"));
            earlyAdded.countDown();
            await(lateSent);
        }));
        assertThat(earlyAdded.await(30, TimeUnit.SECONDS)).isTrue();
        QuarkusTransaction.requiringNew().run(() -> outbox.add(TOPIC, key, bytes("late")));
        assertThat(messagesOf(key, 1)).containsExactly("late");
        lateSent.countDown();
        early.get(30, TimeUnit.SECONDS);

        assertThat(messagesOf(key, 2)).containsExactly("late", "early");
        List<OutboxEntity> rows = rowsOf(key);
        assertThat(rows).extracting(r -> new String(r.payload, StandardCharsets.UTF_8)).as("in id order")
                .containsExactly("early", "late");
        awaitAllPublished(key);
    }

    @Test
    void messagesOfOneKeyKeepTheirCommitOrderOnceEachWhileBatchesOverlap() throws Exception {
        String key = UUID.randomUUID().toString();
        List<String> committed = IntStream.range(0, 300).mapToObj(Integer::toString).toList();
        for (String n : committed) {
            QuarkusTransaction.requiringNew().run(() -> outbox.add(TOPIC, key, bytes(n)));
        }

        assertThat(messagesOf(key, committed.size())).containsExactlyElementsOf(committed);
        awaitAllPublished(key);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<OutboxEntity> rowsOf(String key) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "from OutboxEntity where messageKey = ?1 order by id", OutboxEntity.class).setParameter(1, key)
                .getResultList());
    }

    private void awaitAllPublished(String key) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (rowsOf(key).stream().anyMatch(r -> r.publishedAt == null)) {
            assertThat(System.nanoTime()).as("every row marked published").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /**
     * The key's messages on the topic, once {@code count} of them arrived; then whatever else comes
     * within a second (a message sent twice would show here).
     */
    private static List<String> messagesOf(String key, int count) {
        List<String> messages = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, FarmServices.bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < quietUntil) {
                assertThat(System.nanoTime()).as("%d messages of %s", count, key).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.key().equals(key)) {
                        messages.add(new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
                if (messages.size() >= count && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
        return messages;
    }
}
