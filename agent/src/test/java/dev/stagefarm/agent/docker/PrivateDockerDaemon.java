package dev.stagefarm.agent.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Docker daemon of its own for tests: {@code dockerd} started as root with private data, exec
 * root, pid file and socket under a temporary folder, without the default bridge (host or no
 * network only). Fails loudly when it cannot start. {@link #close()} stops it and removes
 * everything it left, including the network namespace mount the daemon leaves behind.
 */
public final class PrivateDockerDaemon implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path root;
    private final Process process;
    private final String host;

    private PrivateDockerDaemon(Path root, Process process) {
        this.root = root;
        this.process = process;
        this.host = "unix://" + root.resolve("docker.sock");
    }

    /** Starts a daemon and waits until it answers. */
    public static PrivateDockerDaemon start() throws IOException, InterruptedException {
        Path dockerd = Stream.of("/usr/sbin/dockerd", "/usr/bin/dockerd").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElseThrow(() -> new IllegalStateException(
                        "dockerd not found: install the docker.io package (apt-get install -y docker.io)"));
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the Docker tests start their own dockerd and must run as root");
        }
        // Short base path: unix socket paths are limited to 108 bytes.
        Path root = Files.createTempDirectory(Path.of("/tmp"), "sfd");
        Process process = new ProcessBuilder(dockerd.toString(),
                "--data-root", root.resolve("data").toString(),
                "--exec-root", root.resolve("exec").toString(),
                "--pidfile", root.resolve("docker.pid").toString(),
                "-H", "unix://" + root.resolve("docker.sock"),
                "--bridge=none", "--iptables=false", "--ip-masq=false",
                "--storage-driver=overlay2")
                .redirectErrorStream(true).redirectOutput(root.resolve("dockerd.log").toFile()).start();
        PrivateDockerDaemon daemon = new PrivateDockerDaemon(root, process);
        daemon.awaitReady();
        return daemon;
    }

    /** The daemon's address for {@code DockerEngine.connect}. */
    public String host() {
        return host;
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                String log = Files.readString(root.resolve("dockerd.log"));
                close();
                throw new IllegalStateException("dockerd exited with " + process.exitValue() + ":\n" + tail(log));
            }
            if (Files.exists(root.resolve("docker.sock"))) {
                try (DockerEngine engine = DockerEngine.connect(host)) {
                    engine.ping();
                    return;
                } catch (RuntimeException e) {
                    last = e;
                }
            }
            Thread.sleep(100);
        }
        String log = Files.readString(root.resolve("dockerd.log"));
        close();
        throw new IllegalStateException("dockerd did not answer within " + START_TIMEOUT + ":\n" + tail(log), last);
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            unmountLeftovers();
            deleteTree(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Unmounts whatever the daemon left mounted under its folder, deepest first. */
    private void unmountLeftovers() throws IOException, InterruptedException {
        List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .map(line -> line.split(" ")[1]).filter(p -> p.startsWith(root.toString()))
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String mount : mounts) {
            new ProcessBuilder("umount", "-l", mount).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
