package dev.stagefarm.coordinator.farm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stagefarm.coordinator.build.BuildEntity;
import dev.stagefarm.coordinator.config.Json;
import dev.stagefarm.coordinator.events.BuildEventEntity;
import dev.stagefarm.coordinator.events.BuildEventLog;
import dev.stagefarm.coordinator.farm.TestAgent.Reply;
import dev.stagefarm.protocol.Topics;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** What the build-event topic carries; slow (Quarkus with real services). */
@QuarkusTest
@QuarkusTestResource(value = FarmServices.class, restrictToAnnotatedClass = false)
class BuildEventsTopicTest {
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final List<String> LIFECYCLE = List.of("STAGE_QUEUED", "BUILD_RUNNING", "STAGE_RUNNING",
            "STAGE_SUCCEEDED", "BUILD_SUCCEEDED");

    @Inject
    EntityManager em;
    @Inject
    BuildEventLog log;

    @Test
    void eachTransactionPublishesOneMessagePerBuildHoldingItsLifecycleEntriesAsTheProgressStreamShowsThem()
            throws Exception {
        String id;
        try (TestAgent agent = new TestAgent("topic-agent", FarmServices.bootstrap, job -> Reply.SUCCEED)) {
            id = CoordinatorFlowTest.createBuild(Contexts.upload("FROM busybox\nRUN true\n", "topic"), null);
            CoordinatorFlowTest.awaitState(id, "SUCCEEDED");
        }
        List<List<Map<String, Object>>> messages = messagesOf(id);

        List<Map<String, Object>> entries = messages.stream().flatMap(List::stream).toList();
        assertThat(entries).extracting(e -> e.get("kind")).containsExactlyElementsOf(LIFECYCLE);
        List<BuildEventEntity> logged = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "from BuildEventEntity where buildId = ?1 and kind in ?2 order by id", BuildEventEntity.class)
                .setParameter(1, UUID.fromString(id)).setParameter(2, LIFECYCLE).getResultList());
        assertThat(entries).extracting(e -> ((Number) e.get("seq")).longValue())
                .as("the entries' seq are the progress stream's").containsExactlyElementsOf(
                        logged.stream().map(e -> e.id).toList());
        assertThat(messages.get(0)).as("the creating transaction queued the stage").extracting(e -> e.get("kind"))
                .containsExactly("STAGE_QUEUED");
        assertThat(kindsOf(messages, "STAGE_RUNNING")).as("the claim started the build too")
                .contains("BUILD_RUNNING");
        assertThat(kindsOf(messages, "STAGE_SUCCEEDED")).as("the success ended the build too")
                .contains("BUILD_SUCCEEDED");
        @SuppressWarnings("unchecked")
        Map<String, Object> queued = (Map<String, Object>) entries.get(0).get("details");
        assertThat(queued).containsEntry("attempt", 1).containsKey("stageRunId");
    }

    @Test
    void transactionThatLeavesLifecycleEntriesUnpublishedIsRolledBack() throws Exception {
        String id;
        try (TestAgent agent = new TestAgent("unpublished-agent", FarmServices.bootstrap, job -> Reply.SUCCEED)) {
            id = CoordinatorFlowTest.createBuild(Contexts.upload("FROM busybox\nRUN true\n", "unpublished"), null);
            CoordinatorFlowTest.awaitState(id, "SUCCEEDED");
        }

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> log.lifecycle(
                em.find(BuildEntity.class, UUID.fromString(id)), "STAGE_FORGOTTEN", 0, Map.of())))
                .isInstanceOf(RuntimeException.class);
        long forgotten = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select count(e) from BuildEventEntity e where e.kind = 'STAGE_FORGOTTEN'", Long.class)
                .getSingleResult());
        assertThat(forgotten).isZero();
    }

    /** The build's messages on the topic, in order, up to the one that ends the build. */
    private static List<List<Map<String, Object>>> messagesOf(String buildId) {
        List<List<Map<String, Object>>> messages = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, FarmServices.bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "build-events-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.BUILD_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (messages.isEmpty() || kindsOf(messages, "BUILD_SUCCEEDED").isEmpty()) {
                assertThat(System.nanoTime()).as("the build's last message").isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, Object> message = Json.read(new String(r.value(), StandardCharsets.UTF_8), OBJECT);
                    if (r.key().equals(buildId)) {
                        assertThat(message).containsEntry("buildId", buildId);
                        @SuppressWarnings("unchecked")
                        List<Map<String, Object>> events = (List<Map<String, Object>>) message.get("events");
                        messages.add(events);
                    }
                }
            }
        }
        return messages;
    }

    /** The kinds in the message that holds {@code kind}, or none. */
    private static List<Object> kindsOf(List<List<Map<String, Object>>> messages, String kind) {
        return messages.stream().map(m -> m.stream().map(e -> e.get("kind")).toList())
                .filter(kinds -> kinds.contains(kind)).findFirst().orElse(List.of());
    }
}
