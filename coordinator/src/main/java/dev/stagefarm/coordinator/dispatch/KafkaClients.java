package dev.stagefarm.coordinator.dispatch;

import dev.stagefarm.coordinator.config.CoordinatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the coordinator's Kafka clients from {@code kafka.bootstrap.servers}; plain kafka-clients,
 * because the coordinator needs explicit control of acknowledgements and commits.
 */
@ApplicationScoped
public class KafkaClients {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    CoordinatorConfig config;

    /**
     * The producer of stage jobs: batches like the other producer, so jobs queued together go out
     * in one request. Agents take one job at a time from a shared batch because their share
     * consumer acquires with {@code share.acquire.mode=record_limit} and {@code max.poll.records=1}
     * (agent client 4.2+); a consumer without that mode would acquire the whole batch. Its own
     * producer still, so the job topic's sends can be tuned apart from the build events'.
     */
    public KafkaProducer<String, byte[]> jobProducer() {
        return new KafkaProducer<>(producerConfig("stagefarm-coordinator-jobs"), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** The producer of everything else the outbox holds (build events, control messages): batches freely. */
    public KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(producerConfig("stagefarm-coordinator-outbox"), new StringSerializer(),
                new ByteArraySerializer());
    }

    private Map<String, Object> producerConfig(String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // The publisher sends an outbox batch as soon as it has read it: lingering would only delay it.
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return p;
    }

    public KafkaConsumer<String, byte[]> eventConsumer() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.topics().eventsGroup());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "stagefarm-coordinator-events");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        return Admin.create(p);
    }

    /** Creates the farm's topics that do not exist yet; jobs get one partition (see the share-group notes). */
    public void ensureTopics() throws InterruptedException {
        CoordinatorConfig.Topic t = config.topics();
        List<NewTopic> wanted = List.of(new NewTopic(t.stageJobs(), 1, (short) 1),
                new NewTopic(t.stageEvents(), 3, (short) 1), new NewTopic(t.buildEvents(), 3, (short) 1),
                new NewTopic(t.control(), 1, (short) 1));
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.stream().filter(n -> !existing.contains(n.name()))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create Kafka topics: " + e.getCause().getMessage(), e);
            }
        }
    }
}
