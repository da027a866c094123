package dev.stagefarm.deploy.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The coordinator's REST API as the tests read it: a build's view, and waiting for a build to
 * reach a condition. A coordinator that is down (as in a restart test) reads as "not yet".
 */
record CoordinatorApi(String url) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** {@code GET /api/v1/builds/{id}}, or null while the coordinator does not answer. */
    JsonNode build(String id) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/builds/" + id))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET build " + id + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The build's view once {@code condition} holds for it; fails after {@code timeout}. */
    JsonNode awaitBuild(String id, Duration timeout, String what, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            JsonNode view = build(id);
            if (view != null) {
                last = view;
                if (condition.test(view)) {
                    return view;
                }
            }
            sleep(Duration.ofMillis(250));
        }
        throw new AssertionError("build " + id + " never " + what + " within " + timeout + "; last view: " + last);
    }

    /** The stage of a build view with that index. */
    static JsonNode stage(JsonNode build, int index) {
        for (JsonNode stage : build.path("stages")) {
            if (stage.path("index").asInt(-1) == index) {
                return stage;
            }
        }
        throw new AssertionError("build " + build.path("id").asText() + " has no stage " + index + ": " + build);
    }

    static boolean ended(JsonNode build) {
        String state = build.path("state").asText();
        return state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED");
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
