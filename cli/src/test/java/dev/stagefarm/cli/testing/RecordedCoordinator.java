package dev.stagefarm.cli.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.digest.DigestingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback that answers the coordinator's REST API from recordings: build
 * views as JSON, event streams as recorded SSE text (one recording per connection, so a test can
 * cut a stream and check how the client resumes), result tars as bytes. It checks uploads the way
 * the coordinator does (the body's SHA-256 must be the digest in the path) and records every
 * request, so tests assert on what went over the wire.
 */
public final class RecordedCoordinator implements AutoCloseable {
    /** One request as received. */
    public record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Path> contexts = new ConcurrentHashMap<>();
    private final Map<String, String> builds = new ConcurrentHashMap<>();
    private final List<String> streams = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, byte[]> downloads = new ConcurrentHashMap<>();
    private final Path storage;
    private volatile String created;
    private volatile String cancelled;

    public RecordedCoordinator(Path storage) throws IOException {
        this.storage = storage;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The answer to {@code POST /builds}. */
    public RecordedCoordinator onCreate(String buildJson) {
        created = buildJson;
        return this;
    }

    /** The answer to {@code GET /builds/{id}}. */
    public RecordedCoordinator onGet(String id, String buildJson) {
        builds.put(id, buildJson);
        return this;
    }

    /** The answer to {@code POST /builds/{id}/cancel}. */
    public RecordedCoordinator onCancel(String buildJson) {
        cancelled = buildJson;
        return this;
    }

    /** The next event-stream connection serves this SSE text, then closes. */
    public RecordedCoordinator stream(String sse) {
        streams.add(sse);
        return this;
    }

    /** {@code GET /builds/{id}/{what}} answers these bytes. */
    public RecordedCoordinator download(String what, byte[] bytes) {
        downloads.put(what, bytes);
        return this;
    }

    public RecordedCoordinator storeContext(String hex, Path tar) {
        contexts.put(hex, tar);
        return this;
    }

    public Path storedContext(String hex) {
        return contexts.get(hex);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String method, String pathStart) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathStart)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("PUT") && path.startsWith("/api/v1/contexts/")) {
                requests.add(new Request(method, path, Map.copyOf(exchange.getRequestHeaders()), new byte[0]));
                putContext(exchange, path.substring("/api/v1/contexts/".length()));
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Request(method, path, Map.copyOf(exchange.getRequestHeaders()), body));
            if (path.startsWith("/api/v1/contexts/") && method.equals("HEAD")) {
                Path stored = contexts.get(path.substring("/api/v1/contexts/".length()));
                if (stored == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.getResponseHeaders().add("Content-Length", Long.toString(Files.size(stored)));
                    exchange.sendResponseHeaders(200, -1);
                }
            } else if (path.equals("/api/v1/builds") && method.equals("POST")) {
                json(exchange, 201, created);
            } else if (path.endsWith("/events")) {
                events(exchange);
            } else if (path.endsWith("/cancel") && method.equals("POST")) {
                json(exchange, 200, cancelled);
            } else if (path.endsWith("/image") || path.endsWith("/filesystem")) {
                byte[] bytes = downloads.get(path.substring(path.lastIndexOf('/') + 1));
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            } else if (path.startsWith("/api/v1/builds/") && method.equals("GET")) {
                String id = path.substring("/api/v1/builds/".length());
                String build = builds.get(id);
                if (build == null) {
                    json(exchange, 404, "{\"code\":\"UNKNOWN_BUILD\",\"subject\":\"build " + id
                            + "\",\"line\":0,\"message\":\"no build with id " + id + "\"}");
                } else {
                    json(exchange, 200, build);
                }
            } else {
                exchange.sendResponseHeaders(405, -1);
            }
        }
    }

    private void putContext(HttpExchange exchange, String hex) throws IOException {
        Path file = Files.createTempFile(storage, "context-", ".tar");
        Digest digest;
        try (InputStream in = exchange.getRequestBody(); DigestingInputStream digesting = new DigestingInputStream(in)) {
            Files.copy(digesting, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            digest = digesting.digest();
        }
        if (!digest.hex().equals(hex)) {
            json(exchange, 400, "{\"code\":\"CONTEXT_DIGEST_MISMATCH\",\"subject\":\"context " + hex
                    + "\",\"line\":0,\"message\":\"the upload's digest is " + digest.hex() + "\"}");
            return;
        }
        contexts.put(hex, file);
        exchange.sendResponseHeaders(201, -1);
    }

    private void events(HttpExchange exchange) throws IOException {
        String sse;
        synchronized (streams) {
            sse = streams.isEmpty() ? "" : streams.remove(0);
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(sse.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            throw new UncheckedIOException(new IOException("no recorded answer for " + exchange.getRequestURI()));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
