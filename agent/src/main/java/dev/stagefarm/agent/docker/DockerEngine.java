package dev.stagefarm.agent.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.stagefarm.agent.exec.ExecSpec;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.failure.FailureCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The agent's only door to its Docker daemon: performs the work the rest of the agent describes
 * as data ({@link ExecSpec}, {@link ImageConfig}, tar streams), on its {@link #images()} and its
 * {@link #containers()}. Every failure of the daemon itself becomes
 * {@link FailureCode#DOCKER_DAEMON} (retriable on another attempt).
 *
 * <p>Talks Engine API 1.41 (Docker 20.10), never higher. Thread-safe.
 */
public final class DockerEngine implements AutoCloseable {

    /** The Engine API version the agent speaks; the farm's daemons are 20.10. */
    public static final String API_VERSION = "1.41";

    private final DockerClient client;
    private final DockerImages images;
    private final DockerContainers containers;

    private DockerEngine(DockerHttpClient http, DockerClient client, Path unixSocket) {
        EngineApi api = new EngineApi(http, unixSocket);
        this.client = client;
        this.images = new DockerImages(client, api);
        this.containers = new DockerContainers(client, api);
    }

    /** Connects to the daemon at {@code host}, e.g. {@code unix:///run/docker.sock}. */
    public static DockerEngine connect(String host) {
        return connect(host, UnaryOperator.identity());
    }

    /**
     * Connects through {@code transport} wrapped around the HTTP client (benchmarks time every
     * Engine API call this way).
     */
    public static DockerEngine connect(String host, UnaryOperator<DockerHttpClient> transport) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host).withApiVersion(API_VERSION).build();
        DockerHttpClient http = transport.apply(new ApacheDockerHttpClient.Builder().dockerHost(URI.create(host))
                .connectionTimeout(Duration.ofSeconds(10)).maxConnections(32).build());
        Path socket = host.startsWith("unix://") ? Path.of(host.substring("unix://".length())) : null;
        return new DockerEngine(http, DockerClientImpl.getInstance(config, http), socket);
    }

    /** Fails unless the daemon answers. */
    public void ping() {
        EngineApi.call("ping", () -> client.pingCmd().exec());
    }

    public DockerImages images() {
        return images;
    }

    public DockerContainers containers() {
        return containers;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
