package dev.stagefarm.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The farm's Kafka, PostgreSQL and object store, used with the facts from {@code farm.env}. */
@Order(2)
class FarmServicesTest {

    private static FarmFacts farm;

    @BeforeAll
    static void farmIsUp() {
        farm = LocalFarm.up();
    }

    @Test
    void kafkaHasTheFarmTopicsAndTheAgentGroupConfig() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, farm.get("KAFKA_BOOTSTRAP")))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(
                    "stagefarm.stage-jobs", "stagefarm.stage-events", "stagefarm.build-events", "dlq.stagefarm.agents"))
                    .allTopicNames().get();
            assertThat(topics.get("stagefarm.stage-jobs").partitions()).hasSize(1);

            ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, "dlq.stagefarm.agents");
            ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, "stagefarm.agents");
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(dlq, group)).all().get();
            assertThat(configs.get(dlq).get("errors.deadletterqueue.group.enable").value()).isEqualTo("true");
            Config groupConfig = configs.get(group);
            assertThat(groupConfig.get("share.auto.offset.reset").value()).isEqualTo("earliest");
            assertThat(groupConfig.get("share.record.lock.duration.ms").value()).isEqualTo("30000");
            assertThat(groupConfig.get("share.delivery.count.limit").value()).isEqualTo("5");
            assertThat(groupConfig.get("errors.deadletterqueue.topic.name").value()).isEqualTo("dlq.stagefarm.agents");
        }
    }

    /** A job queued before any agent exists reaches the first one that joins the share group. */
    @Test
    void shareGroupDeliversAJobPublishedBeforeTheFirstConsumerJoined() throws Exception {
        String topic = "e2e-jobs-" + UUID.randomUUID();
        String group = "e2e-agents-" + UUID.randomUUID();
        String bootstrap = farm.get("KAFKA_BOOTSTRAP");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1))).all().get();
            admin.incrementalAlterConfigs(Map.of(
                    new ConfigResource(ConfigResource.Type.GROUP, group),
                    List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                            new org.apache.kafka.clients.admin.ConfigEntry("share.auto.offset.reset", "earliest"),
                            org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "job-1", "build stage one")).get();
            }
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            List<String> received = new ArrayList<>();
            try (KafkaShareConsumer<String, String> consumer =
                    new KafkaShareConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(Set.of(topic));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (received.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        received.add(record.value());
                    }
                }
                consumer.commitSync();
            } finally {
                admin.deleteTopics(List.of(topic)).all().get();
            }
            assertThat(received).containsExactly("build stage one");
        }
    }

    @Test
    void postgresLetsTheFarmUserCreateAndReadATable() throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        farm.get("PG_JDBC_URL"), farm.get("PG_USER"), farm.get("PG_PASSWORD"));
                Statement statement = connection.createStatement()) {
            String table = "e2e_" + UUID.randomUUID().toString().replace("-", "");
            statement.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, name text)");
            statement.execute("INSERT INTO " + table + " VALUES (1, 'stage one')");
            try (ResultSet rows = statement.executeQuery("SELECT name, current_user, current_database() FROM " + table)) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("stage one");
                assertThat(rows.getString(2)).isEqualTo(farm.get("PG_USER"));
                assertThat(rows.getString(3)).isEqualTo("stagefarm");
            } finally {
                statement.execute("DROP TABLE " + table);
            }
        }
    }

    @Test
    void objectStoreKeepsWhatIsPutInTheFarmBucket() {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(farm.get("S3_ENDPOINT")))
                .region(Region.of(farm.get("S3_REGION")))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(farm.get("S3_ACCESS_KEY"), farm.get("S3_SECRET_KEY"))))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            String bucket = farm.get("S3_BUCKET");
            String key = "e2e/" + UUID.randomUUID() + "/artifact.txt";
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("stage output", StandardCharsets.UTF_8));
            String back = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
            assertThat(back).isEqualTo("stage output");
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        }
    }
}
