package dev.stagefarm.agent.kafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A real single-node Kafka 4.4.0 broker (KRaft, broker and controller in one) run as a child
 * process from the jars the local farm fetches, so its classpath stays away from the agent's
 * own client. Formatted with share groups on, the share coordinator's replication set to 1 (a
 * single node needs it), on free ports. Jars: {@code -Dstagefarm.kafka.lib=DIR}, else the local
 * farm's cache ({@code $STAGEFARM_CACHE_DIR} or {@code ~/.cache/stagefarm}), fetched there with
 * Maven from {@code deploy/local/jars/kafka.pom.xml} when missing.
 */
public final class KafkaBroker implements AutoCloseable {

    static final String VERSION = "4.4.0";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final Process process;
    private final String bootstrap;

    private KafkaBroker(Path dir, Process process, String bootstrap) {
        this.dir = dir;
        this.process = process;
        this.bootstrap = bootstrap;
    }

    public static KafkaBroker start() throws IOException, InterruptedException {
        Path lib = jars();
        Path dir = Files.createTempDirectory("sf-kafka");
        int port = freePort();
        int controller = freePort();
        Path config = dir.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "controller.listener.names=CONTROLLER",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0", ""));
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n", "status = warn", "appender.out.type = Console",
                "appender.out.name = out", "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n", "rootLogger.level = warn",
                "rootLogger.appenderRef.out.ref = out", "logger.server.name = kafka.server.KafkaRaftServer",
                "logger.server.level = info", ""));
        String clusterId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlog4j2.configurationFile=" + log4j, "-cp", lib + "/*");
        Process format = new ProcessBuilder(concat(java, List.of("-XX:TieredStopAtLevel=1", "kafka.tools.StorageTool",
                "format", "-t", clusterId, "-c", config.toString())))
                .redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("Kafka storage format failed: " + Files.readString(dir.resolve("format.log")));
        }
        Path log = dir.resolve("broker.log");
        Process broker = new ProcessBuilder(concat(java, List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "kafka.Kafka", config.toString())))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        KafkaBroker started = new KafkaBroker(dir, broker, "127.0.0.1:" + port);
        started.awaitReady(log);
        return started;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** Creates topics (partitions each) if missing. */
    public void createTopics(Map<String, Integer> topics) throws Exception {
        try (Admin admin = admin()) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.entrySet().stream().filter(e -> !existing.contains(e.getKey()))
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)).toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Sets configs on a (share) group, e.g. {@code share.auto.offset.reset=earliest}. */
    public void configureGroup(String group, Map<String, String> configs) throws Exception {
        try (Admin admin = admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
            List<AlterConfigOp> ops = configs.entrySet().stream()
                    .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                    .toList();
            admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(30, TimeUnit.SECONDS);
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited: " + Files.readString(log));
            }
            if (Files.exists(log) && Files.readString(log).contains("Kafka Server started")) {
                return;
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("Kafka did not start within " + START_TIMEOUT);
    }

    static Path jars() throws IOException, InterruptedException {
        String configured = System.getProperty("stagefarm.kafka.lib");
        if (configured != null) {
            return Path.of(configured);
        }
        String cache = System.getenv("STAGEFARM_CACHE_DIR");
        Path root = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "stagefarm");
        Path lib = root.resolve("kafka-" + VERSION).resolve("lib");
        if (Files.exists(lib.resolve("kafka_2.13-" + VERSION + ".jar"))) {
            return lib;
        }
        Path pom = Path.of("").toAbsolutePath();
        while (pom != null && !Files.exists(pom.resolve("deploy/local/jars/kafka.pom.xml"))) {
            pom = pom.getParent();
        }
        if (pom == null) {
            throw new IllegalStateException("no Kafka jars in " + lib + " and no deploy/local/jars/kafka.pom.xml to fetch them");
        }
        Path partial = Path.of(lib + ".partial");
        Process mvn = new ProcessBuilder("mvn", "-B", "-q", "-f", pom.resolve("deploy/local/jars/kafka.pom.xml").toString(),
                "dependency:copy-dependencies", "-DoutputDirectory=" + partial).inheritIO().start();
        if (mvn.waitFor() != 0) {
            throw new IllegalStateException("could not fetch the Kafka jars with Maven");
        }
        Files.createDirectories(lib.getParent());
        Files.move(partial, lib);
        return lib;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp folder: best effort
        }
    }
}
