package dev.stagefarm.coordinator.farm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A single-node KRaft broker in its own JVM, from the Kafka 4.4.0 jars the local farm keeps
 * ({@code -Dstagefarm.kafka.lib=DIR}, else {@code kafka-4.4.0/lib} in {@code $STAGEFARM_CACHE_DIR} or
 * {@code ~/.cache/stagefarm}; {@code bin/stagefarm local up} or the agent's tests fetch them). The
 * benchmark uses it so the broker's CPU is measured apart from the coordinator's.
 */
final class KafkaProcess implements AutoCloseable {
    private final Process process;
    private final Path dir;
    final String bootstrap;

    private KafkaProcess(Process process, Path dir, String bootstrap) {
        this.process = process;
        this.dir = dir;
        this.bootstrap = bootstrap;
    }

    /** Formats the broker's {@code log.dirs} and starts it; its own files go to a folder of their own. */
    static KafkaProcess start(Properties serverConfig) throws Exception {
        Path dir = Files.createTempDirectory("stagefarm-kafka-process");
        Path config = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            serverConfig.store(out, null);
        }
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                lib() + "/*");
        String clusterId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        run(with(java, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()),
                dir.resolve("format.log"));
        Process broker = new ProcessBuilder(with(java, "-Xmx512m", "-XX:+UseSerialGC", "kafka.Kafka",
                config.toString())).redirectErrorStream(true).redirectOutput(dir.resolve("broker.log").toFile())
                .start();
        String[] listener = serverConfig.getProperty("advertised.listeners").replace("PLAINTEXT://", "").split(":");
        KafkaProcess started = new KafkaProcess(broker, dir, listener[0] + ":" + listener[1]);
        started.awaitPort(listener[0], Integer.parseInt(listener[1]), dir.resolve("broker.log"));
        return started;
    }

    long pid() {
        return process.pid();
    }

    private void awaitPort(String host, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        close();
        throw new IllegalStateException("Kafka did not listen on " + port + " within 90 s");
    }

    private static void run(List<String> command, Path log) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }

    private static Path lib() {
        String configured = System.getProperty("stagefarm.kafka.lib");
        if (configured != null) {
            return Path.of(configured);
        }
        String cache = System.getenv("STAGEFARM_CACHE_DIR");
        Path lib = (cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "stagefarm"))
                .resolve("kafka-4.4.0").resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("no Kafka 4.4.0 jars in " + lib + " (set -Dstagefarm.kafka.lib)");
        }
        return lib;
    }

    private static List<String> with(List<String> java, String... args) {
        List<String> all = new ArrayList<>(java);
        all.addAll(List.of(args));
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
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: best effort
        }
    }
}
