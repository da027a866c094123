package dev.stagefarm.kafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * A real single-node Kafka 4.4.0 broker (KRaft, broker and controller in one) run in its own JVM
 * from the jars the local farm fetches, so its classpath stays away from the test's own Kafka
 * client and its CPU is not counted as the test JVM's. Formatted with share groups on, the share
 * coordinator's replication set to 1 (a single node needs it), on free ports. Jars:
 * {@code -Dstagefarm.kafka.lib=DIR}, else the local farm's cache ({@code $STAGEFARM_CACHE_DIR} or
 * {@code ~/.cache/stagefarm}), fetched there with Maven from {@code deploy/local/jars/kafka.pom.xml}
 * when missing. Tests of other modules reuse it through this module's test-jar; the admin helpers
 * need a Kafka client on the caller's test classpath. Thread-safe once started.
 */
public final class KafkaBroker implements AutoCloseable {

    public static final String VERSION = "4.4.0";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final Process process;
    private final String bootstrap;

    private KafkaBroker(Path dir, Process process, String bootstrap) {
        this.dir = dir;
        this.process = process;
        this.bootstrap = bootstrap;
    }

    /**
     * The settings of one node that is both broker and controller on loopback ports, its internal
     * topics (offsets, transactions, share-group state) replicated once, with no rebalance delay.
     * Also fit for a broker started inside the test JVM.
     */
    public static Properties singleNode(int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** Starts a {@link #singleNode} broker on free ports, its data in its own folder, with {@code settings} on top. */
    public static KafkaBroker start(Map<String, String> settings) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("sf-kafka");
        Properties config = singleNode(freePort(), freePort(), dir.resolve("data"));
        config.putAll(settings);
        return start(config, dir);
    }

    /**
     * Starts a broker with these server settings, whose {@code advertised.listeners} name the one
     * PLAINTEXT address clients use; its own files (settings, logs) go to a folder of their own.
     */
    public static KafkaBroker start(Properties config) throws IOException, InterruptedException {
        return start(config, Files.createTempDirectory("sf-kafka"));
    }

    private static KafkaBroker start(Properties settings, Path dir) throws IOException, InterruptedException {
        Path lib = jars();
        Path config = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            settings.store(out, null);
        }
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
        String bootstrap = settings.getProperty("advertised.listeners").replace("PLAINTEXT://", "");
        KafkaBroker started = new KafkaBroker(dir, broker, bootstrap);
        started.awaitReady(log);
        return started;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** The broker's process, for measuring its CPU apart from the test JVM's. */
    public long pid() {
        return process.pid();
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

    private static Path jars() throws IOException, InterruptedException {
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
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp folder: best effort
        }
    }
}
