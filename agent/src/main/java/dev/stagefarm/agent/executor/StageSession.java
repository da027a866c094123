package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.docker.DockerEngine;
import dev.stagefarm.agent.exec.ExecSpec;
import dev.stagefarm.agent.image.ImageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Everything one stage execution creates on the daemon and the host, removed in {@link #close()}
 * whatever the outcome: containers, images that are not kept, temporary files.
 *
 * <p>Containers are named {@code stagefarm-<agent>-...} rather than labelled: the daemon's commit
 * merges container labels into the image config, so a label would leak into every image. A
 * restarted agent removes its predecessor's leftovers by that prefix ({@link #removeLeftovers}).
 * Not thread-safe: one per stage execution.
 */
public final class StageSession implements AutoCloseable {

    private final DockerEngine engine;
    private final String prefix;
    private final Path tempDir;
    private final boolean keepCommits;
    private final List<String> containers = new ArrayList<>();
    private final List<String> images = new ArrayList<>();
    private final Set<String> kept = new HashSet<>();
    private final List<CompletableFuture<Void>> removals = new ArrayList<>();
    private ExecutorService remover;
    private int sequence;

    /**
     * @param keepCommits keep every committed image (they back the instruction cache); otherwise
     *     only images passed to {@link #keep} survive
     */
    public StageSession(DockerEngine engine, String agentId, Path workRoot, boolean keepCommits) {
        this.engine = engine;
        this.prefix = namePrefix(agentId) + UUID.randomUUID().toString().substring(0, 8) + "-";
        this.keepCommits = keepCommits;
        try {
            Files.createDirectories(workRoot);
            this.tempDir = Files.createTempDirectory(workRoot, "stage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name prefix of every container the agent {@code agentId} creates. */
    public static String namePrefix(String agentId) {
        return "stagefarm-" + agentId + "-";
    }

    /** Removes every container a previous run of agent {@code agentId} left behind. Returns how many. */
    public static int removeLeftovers(DockerEngine engine, String agentId) {
        List<String> leftovers = engine.containers().containersNamed(namePrefix(agentId));
        leftovers.forEach(engine.containers()::removeContainer);
        return leftovers.size();
    }

    public DockerEngine engine() {
        return engine;
    }

    /** A folder for this stage's temporary files, deleted at the end. */
    public Path tempDir() {
        return tempDir;
    }

    public String createExec(ExecSpec spec) {
        return track(engine.containers().createExec(nextName(), spec));
    }

    public String createIdle(String image, ImageConfig config) {
        return track(engine.containers().createIdle(nextName(), image, config));
    }

    /**
     * Commits the container and removes it (it is of no further use) in the background: the next
     * step need not wait for the daemon to tear it down; {@link #close()} waits for it.
     */
    public String commit(String container, ImageConfig config) {
        String image = engine.containers().commit(container, config);
        images.add(image);
        containers.remove(container);
        removals.add(CompletableFuture.runAsync(() -> engine.containers().removeContainer(container), remover()));
        return image;
    }

    /** Removes a container of this session that is of no further use, now. */
    public void remove(String container) {
        engine.containers().removeContainer(container);
        containers.remove(container);
    }

    private ExecutorService remover() {
        if (remover == null) {
            remover = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "stage-container-removal");
                thread.setDaemon(true);
                return thread;
            });
        }
        return remover;
    }

    /** Records an image this stage made some other way (load), so it is cleaned up unless kept. */
    public void created(String image) {
        images.add(image);
    }

    /** Marks an image as a result: it survives {@link #close()}. */
    public void keep(String image) {
        kept.add(image);
    }

    private String track(String container) {
        containers.add(container);
        return container;
    }

    private String nextName() {
        return prefix + (++sequence);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (CompletableFuture<Void> removal : removals) {
            try {
                removal.join();
            } catch (CompletionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        removals.clear();
        if (remover != null) {
            remover.shutdown();
        }
        for (String container : containers) {
            try {
                engine.containers().removeContainer(container);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        containers.clear();
        if (!keepCommits) {
            // Newest first: an image's parent can only go once its children are gone.
            for (int i = images.size() - 1; i >= 0; i--) {
                if (!kept.contains(images.get(i))) {
                    try {
                        engine.images().removeImage(images.get(i));
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                }
            }
        }
        try (Stream<Path> paths = Files.walk(tempDir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            failure = new UncheckedIOException(e);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
