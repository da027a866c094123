package dev.stagefarm.agent.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gives an image an exact config as a new image: loads a config-only archive
 * ({@link ConfigOnlyArchive}: the layers are already on the daemon), a few kilobytes whatever the
 * image's size; when its history cannot be rebuilt or the daemon refuses it, streams the whole
 * image through save, {@link ConfigRewriter} and load instead. One per rewrite.
 */
final class ImageConfigRewrite {

    private final DockerImages images;
    private final EngineApi api;

    ImageConfigRewrite(DockerImages images, EngineApi api) {
        this.images = images;
        this.api = api;
    }

    /** A copy of {@code image} whose config is exactly {@code config}; returns its id. */
    String rewrite(String image, ImageConfig config) {
        JsonNode inspect = inspect(image);
        JsonNode history = history(image);
        Optional<ConfigOnlyArchive.Archive> archive = ConfigOnlyArchive.of(inspect, history,
                newestMadeLayer(inspect, history.size()), config);
        if (archive.isPresent()) {
            DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST)
                    .path("/v" + DockerEngine.API_VERSION + "/images/load?quiet=1")
                    .putHeader("Content-Type", "application/x-tar").bodyBytes(archive.get().tar()).build();
            try {
                api.drain(request, "load config of " + image);
                Optional<String> loaded = images.imageId(archive.get().imageId());
                if (loaded.isPresent()) {
                    return loaded.get();
                }
            } catch (StagefarmException e) {
                // A daemon whose load wants the layer files: the whole round trip below still works.
            }
        }
        return saveRewriteLoad(image, config);
    }

    /**
     * Whether each of the newest history entries of an image made a layer, newest first, from its
     * local parent chain: a commit or build step adds one history entry and one layer or none.
     * Stops where the chain ends or a step added anything else.
     */
    private List<Boolean> newestMadeLayer(JsonNode inspect, int historyLength) {
        List<Boolean> made = new ArrayList<>();
        JsonNode child = inspect;
        int childHistory = historyLength;
        while (made.size() < historyLength && !child.path("Parent").asText("").isEmpty()) {
            String parent = child.path("Parent").asText();
            JsonNode parentInspect = inspect(parent);
            int parentHistory = history(parent).size();
            int added = child.path("RootFS").path("Layers").size() - parentInspect.path("RootFS").path("Layers").size();
            if (childHistory - parentHistory != 1 || added < 0 || added > 1) {
                break;
            }
            made.add(added == 1);
            child = parentInspect;
            childHistory = parentHistory;
        }
        return made;
    }

    private JsonNode inspect(String image) {
        return api.getJson("/images/" + EngineApi.encode(image) + "/json", "inspect image " + image);
    }

    private JsonNode history(String image) {
        return api.getJson("/images/" + EngineApi.encode(image) + "/history", "history of image " + image);
    }

    private String saveRewriteLoad(String image, ImageConfig config) {
        AtomicReference<String> id = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (PipedInputStream loadInput = new PipedInputStream(1 << 16)) {
            PipedOutputStream rewritten = new PipedOutputStream(loadInput);
            Thread writer = new Thread(() -> {
                try (InputStream saved = images.save(image); rewritten) {
                    id.set(ConfigRewriter.rewrite(saved, rewritten, config));
                } catch (Exception e) {
                    failure.set(e);
                }
            }, "image-config-rewriter");
            writer.start();
            try {
                images.load(loadInput);
            } finally {
                loadInput.close();
                writer.join();
            }
        } catch (IOException e) {
            throw EngineApi.daemonFailure("rewrite config of " + image, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineApi.daemonFailure("rewrite config of " + image, e);
        }
        if (failure.get() != null) {
            throw EngineApi.daemonFailure("rewrite config of " + image, failure.get());
        }
        return images.imageId(id.get()).orElseThrow(() -> EngineApi.daemonFailure(
                "rewritten image " + id.get() + " missing after load", null));
    }
}
