package dev.stagefarm.agent.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Raw Engine API requests, for what docker-java does not model or models too slowly, and the one
 * translation of a daemon's failure into {@link FailureCode#DOCKER_DAEMON} that every Docker call
 * of the agent shares. Thread-safe.
 */
final class EngineApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerHttpClient http;
    /** The daemon's socket when it listens on one, else null. */
    private final Path unixSocket;

    EngineApi(DockerHttpClient http, Path unixSocket) {
        this.http = http;
        this.unixSocket = unixSocket;
    }

    /** Sends a request as it is; the caller closes the response. */
    DockerHttpClient.Response execute(DockerHttpClient.Request request) {
        return http.execute(request);
    }

    /**
     * Opens the body of a {@code GET} of a large streamed answer (an image's save, a container
     * path's tar), uncompressed: the daemon gzips such answers for any client that accepts gzip,
     * which made them one core's gzip speed both ways. On a unix socket it is read through the
     * JDK's channel ({@link UnixSocketGet}): docker-java's HTTP client reads such answers at a
     * third of that speed, and that read is not seen by a {@code transport} wrapper. The caller
     * closes the stream.
     */
    InputStream openStream(String path, String what) {
        if (unixSocket != null) {
            try {
                return UnixSocketGet.open(unixSocket, path);
            } catch (IOException e) {
                throw daemonFailure(what, e);
            }
        }
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path(path)
                .putHeader("Accept-Encoding", "identity").build();
        DockerHttpClient.Response response = call(what, () -> http.execute(request));
        if (response.getStatusCode() / 100 != 2) {
            response.close();
            throw daemonFailure(what + ": HTTP " + response.getStatusCode(), null);
        }
        return new FilterInputStream(response.getBody()) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    response.close();
                }
            }
        };
    }

    JsonNode getJson(String path, String what) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/v" + DockerEngine.API_VERSION + path).build();
        return exchange(request, what);
    }

    JsonNode postJson(String path, JsonNode body, String what) {
        try {
            DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST).path("/v" + DockerEngine.API_VERSION + path)
                    .putHeader("Content-Type", "application/json").bodyBytes(JSON.writeValueAsBytes(body)).build();
            return exchange(request, what);
        } catch (IOException e) {
            throw daemonFailure(what, e);
        }
    }

    private JsonNode exchange(DockerHttpClient.Request request, String what) {
        try (DockerHttpClient.Response response = http.execute(request)) {
            byte[] bytes = response.getBody().readAllBytes();
            if (response.getStatusCode() / 100 != 2) {
                throw daemonFailure(what + ": HTTP " + response.getStatusCode() + " "
                        + new String(bytes, StandardCharsets.UTF_8).strip(), null);
            }
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw daemonFailure(what, e);
        }
    }

    /** Sends a request whose answer is a progress stream; fails on an error status or an error message in it. */
    void drain(DockerHttpClient.Request request, String what) {
        try (DockerHttpClient.Response response = http.execute(request)) {
            String answer = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            if (response.getStatusCode() / 100 != 2 || answer.contains("\"error\"")) {
                throw daemonFailure(what + ": HTTP " + response.getStatusCode() + " " + answer.strip(), null);
            }
        } catch (IOException e) {
            throw daemonFailure(what, e);
        }
    }

    static String header(DockerHttpClient.Response response, String name) {
        for (Map.Entry<String, List<String>> header : response.getHeaders().entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (StagefarmException e) {
            throw e;
        } catch (RuntimeException e) {
            throw daemonFailure(what, e);
        }
    }

    static StagefarmException daemonFailure(String what, Throwable cause) {
        String detail = cause == null ? "" : ": " + cause.getMessage();
        return new StagefarmException(FailureCode.DOCKER_DAEMON, "docker", 0, "Docker daemon: " + what + detail, cause);
    }
}
