package dev.stagefarm.helm;

import static dev.stagefarm.helm.Rendered.container;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.agent.service.AgentConfig;
import dev.stagefarm.coordinator.config.CoordinatorConfig;
import io.smallrye.config.SmallRyeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The settings the chart gives reach the apps' own configuration, read as the apps read it. */
class AppSettingsTest {
    private static final Map<String, Map<String, String>> DEFAULT_SECRETS = Map.of(
            "stagefarm-postgresql", Map.of("jdbc-url", "jdbc:postgresql://pg:5432/sf", "username", "sf", "password", "pg-pw"),
            "stagefarm-s3", Map.of("endpoint", "http://store:9000", "bucket", "artifacts", "access-key", "AK1",
                    "secret-key", "SK1"));
    private static final Map<String, Map<String, String>> CUSTOM_SECRETS = Map.of(
            "pg-login", Map.of("user", "farm", "pass", "pg-pw2"), "store-login", Map.of("id", "AK2", "key", "SK2"));
    private static final Map<String, String> KUBELET = Map.of("HOSTNAME", "farm-stagefarm-agent-2");

    @Test
    void theAgentReadsWhatTheDefaultValuesGiveIt() {
        SmallRyeConfig config = AppSettings.read(container(Chart.render().agents(), "agent"), DEFAULT_SECRETS, KUBELET,
                AgentConfig.class);
        assertThat(agentSettings(config)).isEqualTo(Map.ofEntries(
                entry("id", "farm-stagefarm-agent-2"),
                entry("docker-host", "unix:///var/run/stagefarm-docker/docker.sock"),
                entry("slots", 1), entry("heartbeat", Duration.ofSeconds(5)), entry("shutdown-grace", Duration.ofSeconds(60)),
                entry("work-dir", Path.of("/var/lib/stagefarm-agent")), entry("instruction-cache", true),
                entry("labels", Map.of()), entry("kafka", "kafka:9092"),
                entry("topics", "stagefarm.stage-jobs stagefarm.stage-events stagefarm.control"),
                entry("group", "stagefarm.agents"),
                entry("s3", "http://store:9000 artifacts us-east-1 AK1 SK1"), entry("http-port", 8081)));
    }

    @Test
    void theAgentReadsEveryChangedValue() {
        SmallRyeConfig config = AppSettings.read(container(Chart.render(TestValues.CUSTOM).agents(), "agent"),
                CUSTOM_SECRETS, KUBELET, AgentConfig.class);
        assertThat(agentSettings(config)).isEqualTo(Map.ofEntries(
                entry("id", "farm-stagefarm-agent-2"),
                entry("docker-host", "unix:///var/run/stagefarm-docker/docker.sock"),
                entry("slots", 3), entry("heartbeat", Duration.ofSeconds(7)), entry("shutdown-grace", Duration.ofSeconds(600)),
                entry("work-dir", Path.of("/srv/stagefarm")), entry("instruction-cache", false),
                entry("labels", Map.of("pool", "gpu", "arch", "amd64")),
                entry("kafka", "kafka-0.kafka:9092,kafka-1.kafka:9092"), entry("topics", "sf.jobs sf.stage-events sf.control"),
                entry("group", "sf.agents"),
                entry("s3", "http://minio.store:9000 farm-artifacts eu-west-1 AK2 SK2"), entry("http-port", 9091)));
        assertThat(config.getValue("quarkus.log.level", String.class)).isEqualTo("DEBUG");
    }

    @Test
    void theCoordinatorReadsWhatTheDefaultValuesGiveIt() {
        SmallRyeConfig config = AppSettings.read(container(Chart.render().coordinator(), "coordinator"), DEFAULT_SECRETS,
                Map.of(), CoordinatorConfig.class);
        assertThat(coordinatorSettings(config)).isEqualTo(Map.ofEntries(
                entry("http-port", 8080), entry("jdbc", "jdbc:postgresql://pg:5432/sf sf pg-pw"), entry("kafka", "kafka:9092"),
                entry("topics", "stagefarm.stage-jobs stagefarm.stage-events stagefarm.build-events stagefarm.control"),
                entry("s3", "http://store:9000 artifacts us-east-1 AK1 SK1"),
                entry("spool-dir", "/var/lib/stagefarm-coordinator/spool"),
                entry("max-attempts", 3), entry("lease-heartbeat", Duration.ofSeconds(10))));
    }

    @Test
    void theCoordinatorReadsEveryChangedValue() {
        SmallRyeConfig config = AppSettings.read(container(Chart.render(TestValues.CUSTOM).coordinator(), "coordinator"),
                CUSTOM_SECRETS, Map.of(), CoordinatorConfig.class);
        assertThat(coordinatorSettings(config)).isEqualTo(Map.ofEntries(
                entry("http-port", 9090), entry("jdbc", "jdbc:postgresql://pg.db:5432/farm farm pg-pw2"),
                entry("kafka", "kafka-0.kafka:9092,kafka-1.kafka:9092"),
                entry("topics", "sf.jobs sf.stage-events sf.build-events sf.control"),
                entry("s3", "http://minio.store:9000 farm-artifacts eu-west-1 AK2 SK2"),
                entry("spool-dir", "/var/lib/stagefarm-coordinator/spool"),
                entry("max-attempts", 5), entry("lease-heartbeat", Duration.ofSeconds(15))));
    }

    /** What the agent runs with, as one comparable map. */
    private static Map<String, Object> agentSettings(SmallRyeConfig config) {
        AgentConfig agent = config.getConfigMapping(AgentConfig.class);
        AgentConfig.Kafka kafka = agent.kafka();
        AgentConfig.S3 s3 = agent.s3();
        Map<String, Object> settings = new TreeMap<>();
        settings.put("id", agent.id().orElse(null));
        settings.put("docker-host", agent.dockerHost());
        settings.put("slots", agent.slots());
        settings.put("heartbeat", agent.heartbeatInterval());
        settings.put("shutdown-grace", agent.shutdownGrace());
        settings.put("work-dir", agent.workDir());
        settings.put("instruction-cache", agent.instructionCache());
        settings.put("labels", Map.copyOf(agent.labels()));
        settings.put("kafka", kafka.bootstrapServers());
        settings.put("topics", String.join(" ", kafka.jobsTopic(), kafka.eventsTopic(), kafka.controlTopic()));
        settings.put("group", kafka.group());
        settings.put("s3", String.join(" ", s3.endpoint(), s3.bucket(), s3.region(), s3.accessKey(), s3.secretKey()));
        settings.put("http-port", config.getValue("quarkus.http.port", Integer.class));
        return settings;
    }

    /** What the coordinator runs with, as one comparable map. */
    private static Map<String, Object> coordinatorSettings(SmallRyeConfig config) {
        CoordinatorConfig coordinator = config.getConfigMapping(CoordinatorConfig.class);
        CoordinatorConfig.Topic topics = coordinator.topics();
        CoordinatorConfig.S3 s3 = coordinator.s3();
        Map<String, Object> settings = new TreeMap<>();
        settings.put("http-port", config.getValue("quarkus.http.port", Integer.class));
        settings.put("jdbc", String.join(" ", config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class)));
        settings.put("kafka", config.getValue("kafka.bootstrap.servers", String.class));
        settings.put("topics", String.join(" ", topics.stageJobs(), topics.stageEvents(), topics.buildEvents(), topics.control()));
        settings.put("s3", String.join(" ", s3.endpoint(), s3.bucket(), s3.region(), s3.accessKey(), s3.secretKey()));
        settings.put("spool-dir", coordinator.storage().spoolDir().orElse(null));
        settings.put("max-attempts", coordinator.lease().maxAttempts());
        settings.put("lease-heartbeat", coordinator.lease().heartbeat());
        return settings;
    }
}
