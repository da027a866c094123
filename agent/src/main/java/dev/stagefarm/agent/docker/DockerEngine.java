package dev.stagefarm.agent.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.TmpfsOptions;
import com.github.dockerjava.api.model.VolumeOptions;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.stagefarm.agent.exec.ExecSpec;
import dev.stagefarm.agent.exec.LogListener;
import dev.stagefarm.agent.exec.MountSpec;
import dev.stagefarm.agent.exec.PathKind;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.image.ImageConfigJson;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The agent's only door to its Docker daemon: performs the work the rest of the agent describes
 * as data ({@link ExecSpec}, {@link ImageConfig}, tar streams). Every failure of the daemon
 * itself becomes {@link FailureCode#DOCKER_DAEMON} (retriable on another attempt).
 *
 * <p>Talks Engine API 1.41 (Docker 20.10), never higher. Thread-safe.
 */
public final class DockerEngine implements AutoCloseable {

    /** The Engine API version the agent speaks; the farm's daemons are 20.10. */
    public static final String API_VERSION = "1.41";

    /** Command of containers that are only created (never started) to copy into or commit. */
    static final String IDLE_COMMAND = "/.stagefarm-idle";

    /** {@code os.ModeDir} of Go's file modes, as the daemon's path stat reports them. */
    private static final long GO_MODE_DIR = 1L << 31;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a removal another caller started may take before it counts as failed. */
    private static final Duration REMOVAL_WAIT = Duration.ofSeconds(30);

    private final DockerHttpClient http;
    private final DockerClient client;
    /** The daemon's socket when it listens on one, else null. */
    private final Path unixSocket;

    private DockerEngine(DockerHttpClient http, DockerClient client, Path unixSocket) {
        this.http = http;
        this.client = client;
        this.unixSocket = unixSocket;
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
        call("ping", () -> client.pingCmd().exec());
    }

    // ---- images ----

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
        JsonNode inspect = getJson("/images/" + encode(image) + "/json", "inspect image " + image);
        return ImageConfigJson.read(inspect.path("Config"));
    }

    /** The image's layers, bottom first, as diffIDs ({@code sha256:} of each uncompressed layer tar). */
    public List<Digest> layerDiffIds(String image) {
        JsonNode inspect = getJson("/images/" + encode(image) + "/json", "inspect image " + image);
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
        drain(request, "import " + repository);
        return imageId(repository + ":" + tag).orElseThrow(() -> daemonFailure("import " + repository, null));
    }

    /** Loads a {@code docker save} stream. */
    public void load(InputStream archive) {
        call("load image", () -> client.loadImageCmd(archive).exec());
    }

    /**
     * Opens a {@code docker save} stream of {@code image}; the caller closes it. On a unix socket
     * it is read through the JDK's channel ({@link UnixSocketGet}, three times docker-java's
     * speed); that read is not seen by a {@code transport} wrapper.
     */
    public InputStream save(String image) {
        if (unixSocket != null) {
            try {
                return UnixSocketGet.open(unixSocket, "/v" + API_VERSION + "/images/" + encode(image) + "/get");
            } catch (IOException e) {
                throw daemonFailure("save " + image, e);
            }
        }
        return call("save " + image, () -> client.saveImageCmd(image).exec());
    }

    /**
     * Makes a copy of {@code image} whose config is exactly {@code config}; returns the new image
     * id. See {@link ImageConfigRewrite}.
     */
    public String rewriteConfig(String image, ImageConfig config) {
        return new ImageConfigRewrite(this).rewrite(image, config);
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

    // ---- containers ----

    /** Creates the container of a RUN; it is started by {@link #startAndWait}. */
    public String createExec(String name, ExecSpec spec) {
        HostConfig host = HostConfig.newHostConfig().withNetworkMode(spec.network().dockerName())
                .withMounts(mounts(spec.mounts()));
        CreateContainerCmd cmd = client.createContainerCmd(spec.image()).withName(name)
                .withCmd(spec.argv()).withEntrypoint(List.of()).withEnv(spec.env())
                .withUser(spec.user()).withHostConfig(host);
        if (spec.disableHealthcheck()) {
            // An inherited HEALTHCHECK must not run against a build step. Only then: the commit
            // would carry NONE into the image, and only a save/load rewrite could take it out.
            cmd.withHealthcheck(new HealthCheck().withTest(List.of("NONE")));
        }
        if (!spec.workingDir().isEmpty()) {
            cmd.withWorkingDir(spec.workingDir());
        }
        return call("create container", () -> cmd.exec().getId());
    }

    /**
     * Creates a container that is never started, whose config is {@code config} (with a
     * placeholder command when it has none): the daemon creates its WORKDIR, and it can receive
     * archives and be committed.
     */
    public String createIdle(String name, String image, ImageConfig config) {
        List<String> command = config.cmd().isEmpty() && config.entrypoint().isEmpty()
                ? List.of(IDLE_COMMAND) : config.cmd();
        CreateContainerCmd cmd = client.createContainerCmd(image).withName(name).withCmd(command)
                .withEntrypoint(config.entrypoint()).withEnv(config.env())
                .withUser(config.user()).withLabels(config.labels())
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"));
        if (!config.workingDir().isEmpty()) {
            cmd.withWorkingDir(config.workingDir());
        }
        return call("create container", () -> cmd.exec().getId());
    }

    /**
     * Starts a created container, streams its output line by line to {@code listener}, and waits
     * for its exit code.
     */
    public int startAndWait(String containerId, LogListener listener) {
        call("start container", () -> {
            client.startContainerCmd(containerId).exec();
            return null;
        });
        try (LineSplitter out = new LineSplitter(LogListener.Stream.STDOUT, listener);
                LineSplitter err = new LineSplitter(LogListener.Stream.STDERR, listener)) {
            ResultCallback.Adapter<Frame> logs = new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    switch (frame.getStreamType()) {
                        case STDERR -> err.accept(frame.getPayload());
                        default -> out.accept(frame.getPayload());
                    }
                }
            };
            client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true)
                    .exec(logs).awaitCompletion();
            return client.waitContainerCmd(containerId).start().awaitStatusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StagefarmException(FailureCode.BUILD_CANCELLED, containerId, 0, "interrupted while running");
        } catch (StagefarmException e) {
            throw e;
        } catch (RuntimeException e) {
            throw daemonFailure("run container", e);
        }
    }

    /** Extracts a tar stream into the container at {@code path}, keeping owners and modes. */
    public void copyInto(String containerId, String path, InputStream tar) {
        call("copy into container", () -> {
            client.copyArchiveToContainerCmd(containerId).withRemotePath(path).withTarInputStream(tar)
                    .withNoOverwriteDirNonDir(false).exec();
            return null;
        });
    }

    /**
     * Opens a tar stream of {@code path} in the container; the caller closes it. Asks for it
     * uncompressed: the daemon gzips this answer for any client that accepts gzip (the HTTP client
     * does by default), which made it one core's gzip speed both ways.
     */
    public InputStream copyOut(String containerId, String path) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path(archivePath(containerId, path))
                .putHeader("Accept-Encoding", "identity").build();
        DockerHttpClient.Response response = call("copy from container", () -> http.execute(request));
        if (response.getStatusCode() / 100 != 2) {
            response.close();
            throw daemonFailure("copy " + path + " from container: HTTP " + response.getStatusCode(), null);
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

    /**
     * Whether {@code path} exists in the container and is a folder, from the daemon's stat of it
     * ({@code HEAD} of the archive endpoint): a {@code GET} would make the daemon tar the whole
     * tree, and closing its answer early drains it (the whole root file system for {@code /}).
     */
    public PathKind pathKind(String containerId, String path) {
        String what = "stat " + path;
        try (DockerHttpClient.Response response = http.execute(new HeadRequest(archivePath(containerId, path)))) {
            if (response.getStatusCode() == 404) {
                return PathKind.MISSING;
            }
            String stat = header(response, "X-Docker-Container-Path-Stat");
            if (response.getStatusCode() / 100 != 2 || stat == null) {
                throw daemonFailure(what + ": HTTP " + response.getStatusCode(), null);
            }
            long mode = JSON.readTree(Base64.getDecoder().decode(stat)).path("mode").asLong();
            return (mode & GO_MODE_DIR) != 0 ? PathKind.DIRECTORY : PathKind.FILE;
        } catch (IOException | IllegalArgumentException e) {
            throw daemonFailure(what, e);
        } catch (StagefarmException e) {
            throw e;
        } catch (RuntimeException e) {
            throw daemonFailure(what, e);
        }
    }

    /**
     * Commits the container as an image with {@code config}. Sent through the raw API because
     * docker-java's commit lacks Entrypoint, Healthcheck, StopSignal, OnBuild and Shell. The
     * daemon merges the container's config in (see {@code DaemonConfigMerge}).
     */
    public String commit(String containerId, ImageConfig config) {
        ObjectNode body = ImageConfigJson.write(config, JSON.createObjectNode());
        JsonNode answer = postJson("/commit?container=" + encode(containerId), body, "commit");
        return answer.path("Id").asText();
    }

    public void removeContainer(String containerId) {
        try {
            client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // Already gone.
        } catch (ConflictException e) {
            // Another caller's removal is in progress (an abort's kill racing the stage's own
            // clean-up): returning now would report the container gone while the daemon still lists it.
            awaitGone(containerId, e);
        } catch (RuntimeException e) {
            throw daemonFailure("remove container " + containerId, e);
        }
    }

    private void awaitGone(String containerId, ConflictException conflict) {
        long deadline = System.nanoTime() + REMOVAL_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                client.inspectContainerCmd(containerId).exec();
            } catch (NotFoundException gone) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw daemonFailure("remove container " + containerId, conflict);
    }

    /** Ids of all containers (running or not) whose name starts with {@code prefix}. */
    public List<String> containersNamed(String prefix) {
        List<Container> all = call("list containers", () -> client.listContainersCmd().withShowAll(true)
                .withNameFilter(List.of(prefix)).exec());
        List<String> ids = new ArrayList<>();
        for (Container c : all) {
            for (String name : c.getNames()) {
                if (name.startsWith("/" + prefix)) {
                    ids.add(c.getId());
                    break;
                }
            }
        }
        return ids;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- plumbing ----

    private static List<Mount> mounts(List<MountSpec> specs) {
        List<Mount> mounts = new ArrayList<>();
        for (MountSpec spec : specs) {
            if (spec instanceof MountSpec.HostBind bind) {
                mounts.add(new Mount().withType(MountType.BIND).withSource(bind.source().toString())
                        .withTarget(bind.target()).withReadOnly(bind.readOnly()));
            } else if (spec instanceof MountSpec.NamedVolume volume) {
                mounts.add(new Mount().withType(MountType.VOLUME).withSource(volume.volume())
                        .withTarget(volume.target()).withReadOnly(volume.readOnly())
                        .withVolumeOptions(new VolumeOptions().withNoCopy(true)));
            } else if (spec instanceof MountSpec.Tmpfs tmpfs) {
                Mount mount = new Mount().withType(MountType.TMPFS).withTarget(tmpfs.target());
                if (tmpfs.sizeBytes() > 0) {
                    mount.withTmpfsOptions(new TmpfsOptions().withSizeBytes(tmpfs.sizeBytes()));
                }
                mounts.add(mount);
            }
        }
        return mounts;
    }

    JsonNode getJson(String path, String what) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/v" + API_VERSION + path).build();
        return exchange(request, what);
    }

    private JsonNode postJson(String path, JsonNode body, String what) {
        try {
            DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST).path("/v" + API_VERSION + path)
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

    /** The archive endpoint of {@code path} in a container: GET reads it as a tar, HEAD stats it. */
    private static String archivePath(String containerId, String path) {
        return "/v" + API_VERSION + "/containers/" + encode(containerId) + "/archive?path=" + encode(path);
    }

    private static String header(DockerHttpClient.Response response, String name) {
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

    private static <T> T call(String what, java.util.function.Supplier<T> action) {
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
