package dev.stagefarm.agent.docker;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A registry of its own for tests: Debian's {@code docker-registry} (CNCF distribution 2.8)
 * serving plain HTTP on a free loopback port, storage in a temporary folder. A daemon pushes to it
 * without {@code --insecure-registry}: dockerd treats 127.0.0.0/8 as insecure by default.
 * {@link #close()} stops it and removes its storage.
 */
public final class TestRegistry implements AutoCloseable {
    /** The media type {@code docker push} (20.10) stores. */
    public static final String MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path root;
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestRegistry(Path root, Process process, int port) {
        this.root = root;
        this.process = process;
        this.port = port;
    }

    public static TestRegistry start() throws IOException, InterruptedException {
        return start(false);
    }

    /**
     * A registry that wants a login (htpasswd, one user whose password nobody here sends): every
     * push without credentials is refused with 401.
     */
    public static TestRegistry startRequiringLogin() throws IOException, InterruptedException {
        return start(true);
    }

    private static TestRegistry start(boolean login) throws IOException, InterruptedException {
        Path binary = Path.of("/usr/bin/docker-registry");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("docker-registry not found: install the docker-registry package");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path root = Files.createTempDirectory("sfreg");
        Files.writeString(root.resolve("config.yml"), String.join("\n",
                "version: 0.1",
                "log:",
                "  level: warn",
                "  accesslog:",
                "    disabled: true",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + root.resolve("storage"),
                "http:",
                "  addr: 127.0.0.1:" + port,
                "  secret: test-registry-secret",
                login ? "auth:\n  htpasswd:\n    realm: stagefarm-test\n    path: " + root.resolve("htpasswd") : "",
                ""));
        // bcrypt of a password no test sends, for the user "pusher"
        Files.writeString(root.resolve("htpasswd"), "pusher:$2b$05$JVKCxfYuSDH1to44BMSPUOBNUGxrY2azT1eakNtmDbFuR0t/nwsM2\n");
        Process process = new ProcessBuilder(binary.toString(), "serve", root.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("registry.log").toFile()).start();
        TestRegistry registry = new TestRegistry(root, process, port);
        registry.awaitReady();
        return registry;
    }

    /** {@code 127.0.0.1:port}, the registry part of a reference. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** {@code GET /v2/<name>/manifests/<reference>} with the v2 manifest accepted. */
    public HttpResponse<String> manifest(String name, String reference) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + address() + "/v2/" + name + "/manifests/"
                + reference)).header("Accept", MANIFEST_V2).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                String log = Files.readString(root.resolve("registry.log"));
                close();
                throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ":\n" + log);
            }
            try {
                HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(URI.create("http://" + address() + "/v2/"))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (ping.statusCode() == 200 || ping.statusCode() == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("docker-registry did not answer within " + START_TIMEOUT);
    }

    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
