package dev.stagefarm.coordinator.farm;

import dev.stagefarm.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The real services the coordinator needs, started inside the test JVM on free loopback ports:
 * a single-node KRaft Kafka broker (the BOM's 4.1.2), PostgreSQL 17 (zonky embedded binaries) and
 * S3Proxy over an in-memory blob store. Slow to start (~10 s), shared by every Quarkus test. The
 * benchmark ({@code -Dbenchmark=coordinator}) runs the broker in its own JVM instead
 * ({@link KafkaBroker}, 4.4.0), so its CPU is not counted as the test JVM's; {@code
 * -Dbenchmark.kafka=in-jvm|process} picks either way for any run.
 */
public class FarmServices implements QuarkusTestResourceLifecycleManager {
    static final String ACCESS = "farm-access";
    static final String SECRET = "farm-secret";
    static final String BUCKET = "stagefarm";

    private KafkaRaftServer kafka;
    private KafkaBroker kafkaProcess;
    private EmbeddedPostgres postgres;
    private S3Proxy s3;
    private Path kafkaDir;
    static String bootstrap;
    /** The broker's process when it runs in its own JVM, else -1 (inside the test JVM). */
    static long brokerPid = -1;

    @Override
    public Map<String, String> start() {
        try {
            Map<String, String> config = new HashMap<>();
            // Commit timestamps let the benchmark tell a job's wait for its transaction's commit from its
            // wait for the outbox publisher.
            postgres = EmbeddedPostgres.builder().setPort(freePort()).setServerConfig("track_commit_timestamp", "on")
                    .start();
            config.put("quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"));
            config.put("quarkus.datasource.username", "postgres");
            config.put("quarkus.datasource.password", "postgres");
            bootstrap = startKafka();
            config.put("kafka.bootstrap.servers", bootstrap);
            config.put("stagefarm.s3.endpoint", startS3());
            config.put("stagefarm.s3.bucket", BUCKET);
            config.put("stagefarm.s3.access-key", ACCESS);
            config.put("stagefarm.s3.secret-key", SECRET);
            return config;
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("cannot start the farm's services", e);
        }
    }

    private String startKafka() throws Exception {
        int brokerPort = freePort();
        int controllerPort = freePort();
        kafkaDir = Files.createTempDirectory("stagefarm-kafka");
        Properties p = brokerConfig(brokerPort, controllerPort);
        if (System.getProperty("benchmark.kafka", "coordinator".equals(System.getProperty("benchmark"))
                ? "process" : "in-jvm").equals("process")) {
            kafkaProcess = KafkaBroker.start(p);
            brokerPid = kafkaProcess.pid();
            return kafkaProcess.bootstrapServers();
        }
        KafkaConfig config = KafkaConfig.fromProps(p);
        new Formatter().setPrintStream(System.out).setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setNodeId(1).setClusterId(UUID.randomUUID().toString().replace("-", "").substring(0, 22))
                .setDirectories(List.of(kafkaDir.toString())).setMetadataLogDirectory(kafkaDir.toString())
                .setControllerListenerName("CONTROLLER").setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
        kafka = new KafkaRaftServer(config, Time.SYSTEM);
        kafka.startup();
        return "127.0.0.1:" + brokerPort;
    }

    private Properties brokerConfig(int brokerPort, int controllerPort) {
        Properties p = KafkaBroker.singleNode(brokerPort, controllerPort, kafkaDir);
        p.put("offsets.topic.num.partitions", "3");
        return p;
    }

    private String startS3() throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("id", "key")
                .build(BlobStoreContext.class);
        BlobStore blobs = context.getBlobStore();
        blobs.createContainerInLocation(null, BUCKET);
        URI endpoint = URI.create("http://127.0.0.1:" + freePort());
        s3 = S3Proxy.builder().blobStore(blobs).endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        s3.start();
        for (int i = 0; i < 100 && !"STARTED".equals(s3.getState()); i++) {
            Thread.sleep(50);
        }
        return endpoint.toString();
    }

    @Override
    public void stop() {
        try {
            if (s3 != null) {
                s3.stop();
            }
        } catch (Exception ignored) {
            // best effort at the end of the run
        }
        if (kafka != null) {
            kafka.shutdown();
            kafka.awaitShutdown();
        }
        if (kafkaProcess != null) {
            kafkaProcess.close();
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException ignored) {
            // best effort at the end of the run
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
