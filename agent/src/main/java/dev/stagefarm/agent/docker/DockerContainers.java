package dev.stagefarm.agent.docker;

import static dev.stagefarm.agent.docker.DockerEngine.API_VERSION;
import static dev.stagefarm.agent.docker.EngineApi.call;
import static dev.stagefarm.agent.docker.EngineApi.daemonFailure;
import static dev.stagefarm.agent.docker.EngineApi.encode;
import static dev.stagefarm.agent.docker.EngineApi.header;

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
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.TmpfsOptions;
import com.github.dockerjava.api.model.VolumeOptions;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.stagefarm.agent.exec.ExecSpec;
import dev.stagefarm.agent.exec.LogListener;
import dev.stagefarm.agent.exec.MountSpec;
import dev.stagefarm.agent.exec.PathKind;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.image.ImageConfigJson;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The daemon's containers: creating them from an {@link ExecSpec} or an image config, running
 * them with their output streamed, copying tar streams in and out, committing and removing them.
 * Obtained from {@link DockerEngine#containers()}. Thread-safe.
 */
public final class DockerContainers {

    /** Command of containers that are only created (never started) to copy into or commit. */
    static final String IDLE_COMMAND = "/.stagefarm-idle";

    /** {@code os.ModeDir} of Go's file modes, as the daemon's path stat reports them. */
    private static final long GO_MODE_DIR = 1L << 31;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a removal another caller started may take before it counts as failed. */
    private static final Duration REMOVAL_WAIT = Duration.ofSeconds(30);

    private final DockerClient client;
    private final EngineApi api;

    DockerContainers(DockerClient client, EngineApi api) {
        this.client = client;
        this.api = api;
    }

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

    /** Opens a tar stream of {@code path} in the container ({@link EngineApi#openStream}); the caller closes it. */
    public InputStream copyOut(String containerId, String path) {
        return api.openStream(archivePath(containerId, path), "copy " + path + " from container");
    }

    /**
     * Whether {@code path} exists in the container and is a folder, from the daemon's stat of it
     * ({@code HEAD} of the archive endpoint): a {@code GET} would make the daemon tar the whole
     * tree, and closing its answer early drains it (the whole root file system for {@code /}).
     */
    public PathKind pathKind(String containerId, String path) {
        String what = "stat " + path;
        try (DockerHttpClient.Response response = api.execute(new HeadRequest(archivePath(containerId, path)))) {
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
        JsonNode answer = api.postJson("/commit?container=" + encode(containerId), body, "commit");
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

    /** The archive endpoint of {@code path} in a container: GET reads it as a tar, HEAD stats it. */
    private static String archivePath(String containerId, String path) {
        return "/v" + API_VERSION + "/containers/" + encode(containerId) + "/archive?path=" + encode(path);
    }
}
