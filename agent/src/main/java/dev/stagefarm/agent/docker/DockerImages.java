package dev.stagefarm.agent.docker;

import static dev.stagefarm.agent.docker.DockerEngine.API_VERSION;
import static dev.stagefarm.agent.docker.EngineApi.call;
import static dev.stagefarm.agent.docker.EngineApi.daemonFailure;
import static dev.stagefarm.agent.docker.EngineApi.encode;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.stagefarm.agent.exec.LogListener;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.image.ImageConfigJson;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.failure.FailureCode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The daemon's images: inspecting, pulling, importing, saving and loading, tagging, pushing,
 * removing. Obtained from {@link DockerEngine#images()}. Thread-safe.
 */
public final class DockerImages {

    private final DockerClient client;
    private final EngineApi api;

    DockerImages(DockerClient client, EngineApi api) {
        this.client = client;
        this.api = api;
    }

    /** The id of a local image, if present. */
    public Optional<String> imageId(String reference) {
        try {
            return Optional.of(client.inspectImageCmd(reference).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw daemonFailure("inspect image " + reference, e);
        }
    }

    /** The full config of a local image (also the fields docker-java does not model). */
    public ImageConfig imageConfig(String image) {
        JsonNode inspect = api.getJson("/images/" + encode(image) + "/json", "inspect image " + image);
        return ImageConfigJson.read(inspect.path("Config"));
    }

    /** The image's layers, bottom first, as diffIDs ({@code sha256:} of each uncompressed layer tar). */
    public List<Digest> layerDiffIds(String image) {
        JsonNode inspect = api.getJson("/images/" + encode(image) + "/json", "inspect image " + image);
        List<Digest> layers = new ArrayList<>();
        inspect.path("RootFS").path("Layers").forEach(layer -> layers.add(Digest.parse(layer.asText())));
        return layers;
    }

    /** Pulls through the daemon (and its registry mirror). */
    public void pull(String reference) {
        call("pull " + reference, () -> {
            try {
                client.pullImageCmd(reference).start().awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return null;
        });
    }

    /** Imports a root file system tar as an image {@code repository:tag}; returns its id. */
    public String importRootfs(InputStream tar, String repository, String tag) {
        // Raw request: docker-java's createImageCmd truncates streamed bodies on this transport.
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/v" + API_VERSION + "/images/create?fromSrc=-&repo=" + encode(repository) + "&tag=" + encode(tag))
                .putHeader("Content-Type", "application/x-tar").body(tar).build();
        api.drain(request, "import " + repository);
        return imageId(repository + ":" + tag).orElseThrow(() -> daemonFailure("import " + repository, null));
    }

    /** Loads a {@code docker save} stream. */
    public void load(InputStream archive) {
        call("load image", () -> client.loadImageCmd(archive).exec());
    }

    /** Opens a {@code docker save} stream of {@code image} ({@link EngineApi#openStream}); the caller closes it. */
    public InputStream save(String image) {
        return api.openStream("/v" + API_VERSION + "/images/" + encode(image) + "/get", "save " + image);
    }

    /**
     * Makes a copy of {@code image} whose config is exactly {@code config}; returns the new image
     * id. See {@link ImageConfigRewrite}.
     */
    public String rewriteConfig(String image, ImageConfig config) {
        return new ImageConfigRewrite(this, api).rewrite(image, config);
    }

    public void tag(String image, String repository, String tag) {
        call("tag " + image, () -> {
            client.tagImageCmd(image, repository, tag).exec();
            return null;
        });
    }

    /**
     * Pushes {@code target} through the daemon (credentials: the agent's docker config, as the
     * docker CLI finds them), streaming the daemon's status lines (not the per-layer progress bars)
     * to {@code listener}; returns the manifest digest ({@code sha256:…}) the registry stored. A
     * failure the daemon reports about the registry is {@link PushTarget#failure}; one of the daemon
     * itself is {@link FailureCode#DOCKER_DAEMON}.
     */
    public String push(PushTarget target, LogListener listener) {
        AtomicReference<String> digest = new AtomicReference<>();
        AtomicReference<String> error = new AtomicReference<>();
        call("push " + target.reference(), () -> {
            try {
                client.pushImageCmd(target.repository()).withTag(target.tag())
                        .exec(new ResultCallback.Adapter<PushResponseItem>() {
                            @Override
                            public void onNext(PushResponseItem item) {
                                if (item.getErrorDetail() != null || item.getError() != null) {
                                    error.compareAndSet(null, item.getErrorDetail() != null
                                            && item.getErrorDetail().getMessage() != null
                                            ? item.getErrorDetail().getMessage() : item.getError());
                                } else if (item.getAux() != null && item.getAux().getDigest() != null) {
                                    digest.set(item.getAux().getDigest());
                                } else if (item.getStatus() != null && item.getProgressDetail() == null) {
                                    listener.line(LogListener.Stream.STDOUT,
                                            (item.getId() == null ? "" : item.getId() + ": ") + item.getStatus());
                                }
                            }
                        }).awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return null;
        });
        if (error.get() != null) {
            throw target.failure(error.get());
        }
        if (digest.get() == null) {
            throw target.failure("the daemon reported no manifest digest");
        }
        return digest.get();
    }

    /** Removes an image; a missing image or one still needed by another is left alone. */
    public void removeImage(String image) {
        try {
            client.removeImageCmd(image).withForce(false).exec();
        } catch (NotFoundException | ConflictException e) {
            // Still a parent of a kept image, or already gone: nothing to reclaim.
        } catch (RuntimeException e) {
            throw daemonFailure("remove image " + image, e);
        }
    }
}
