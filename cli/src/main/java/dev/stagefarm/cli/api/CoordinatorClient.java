package dev.stagefarm.cli.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stagefarm.api.BuildRequest;
import dev.stagefarm.api.BuildView;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The coordinator's REST API as the CLI uses it, over the JDK's HTTP client (HTTP/1.1). Bodies
 * are streamed both ways: a context is sent from its file, images and event streams are returned
 * as open streams the caller closes. Every failure is a {@link StagefarmException}
 * ({@link FailureCode#COORDINATOR_UNREACHABLE} when the coordinator cannot be reached).
 *
 * <p>Thread-safe: the HTTP client is shared; one instance per server.
 */
public final class CoordinatorClient {
    private static final String JSON = "application/json";
    private final URI server;
    private final HttpClient http;

    public CoordinatorClient(URI server) {
        this.server = withoutTrailingSlash(server);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public URI server() {
        return server;
    }

    /** {@code HEAD /api/v1/contexts/{sha256}}: the stored size, or empty when the context is not stored. */
    public Optional<Long> contextSize(String sha256) {
        HttpResponse<Void> response = send(request("/api/v1/contexts/" + sha256)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() / 100 != 2) {
            throw ApiFailures.fromResponse("context " + sha256, response.statusCode(), InputStream.nullInputStream());
        }
        return Optional.of(response.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    /** {@code PUT /api/v1/contexts/{sha256}}, streamed from {@code tar}. */
    public void uploadContext(String sha256, Path tar, TransferListener listener) {
        HttpRequest.BodyPublisher body;
        try {
            body = new CountingPublisher(HttpRequest.BodyPublishers.ofFile(tar), listener);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse<InputStream> response = send(request("/api/v1/contexts/" + sha256)
                .header("Content-Type", "application/x-tar").PUT(body).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream answer = expectSuccess("context " + sha256, response)) {
            answer.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw ApiFailures.unreachable(server, e);
        }
    }

    /** {@code POST /api/v1/builds}: the new build with its planned stages. */
    public BuildView create(BuildRequest build) {
        return json(request("/api/v1/builds").header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(build))).build(), "build request");
    }

    /** {@code GET /api/v1/builds/{id}}. */
    public BuildView build(String id) {
        return json(request(buildPath(id)).GET().build(), "build " + id);
    }

    /** {@code POST /api/v1/builds/{id}/cancel}: the build after the request (cancelling twice is harmless). */
    public BuildView cancel(String id) {
        return json(request(buildPath(id) + "/cancel").POST(HttpRequest.BodyPublishers.noBody()).build(),
                "build " + id);
    }

    /**
     * {@code GET /api/v1/builds/{id}/events}, resuming after {@code lastSeq} ({@code Last-Event-ID});
     * the caller closes the stream.
     */
    public InputStream events(String id, long lastSeq) {
        HttpRequest.Builder request = request(buildPath(id) + "/events").header("Accept", "text/event-stream").GET();
        if (lastSeq > 0) {
            request.header("Last-Event-ID", Long.toString(lastSeq));
        }
        return expectSuccess("build " + id, send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    /**
     * A result of a finished build as a tar stream the caller closes: {@code image} (the target
     * image as {@code docker save} writes it) or {@code filesystem} (the target stage's files).
     */
    public InputStream download(String id, String what) {
        return expectSuccess("build " + id + " " + what,
                send(request(buildPath(id) + "/" + what).GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.resolve(path)).header("Accept", JSON);
    }

    private static String buildPath(String id) {
        return "/api/v1/builds/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private BuildView json(HttpRequest request, String what) {
        try (InputStream body = expectSuccess(what, send(request, HttpResponse.BodyHandlers.ofInputStream()))) {
            return ApiJson.MAPPER.readValue(body, BuildView.class);
        } catch (JsonProcessingException e) {
            throw new StagefarmException(FailureCode.MALFORMED_MESSAGE, what, 0,
                    "the coordinator sent an unreadable answer: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw ApiFailures.unreachable(server, e);
        }
    }

    private static InputStream expectSuccess(String what, HttpResponse<InputStream> response) {
        if (response.statusCode() / 100 != 2) {
            throw ApiFailures.fromResponse(what, response.statusCode(), response.body());
        }
        return response.body();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw ApiFailures.unreachable(server, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StagefarmException(FailureCode.BUILD_CANCELLED, request.uri().getPath(), 0, "interrupted");
        }
    }

    private static byte[] bytes(Object value) {
        try {
            return ApiJson.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new StagefarmException(FailureCode.INTERNAL, value.getClass().getSimpleName(), 0,
                    "cannot encode request: " + e.getOriginalMessage(), e);
        }
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
