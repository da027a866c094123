package dev.stagefarm.cli.build;

import dev.stagefarm.archive.SafeTarExtractor;
import dev.stagefarm.archive.TarEntryReader.TarPolicy;
import dev.stagefarm.cli.api.CoordinatorClient;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Brings a finished build's results to this machine, streamed from the coordinator: the target
 * image into the local Docker daemon ({@code docker load}, which honours {@code DOCKER_HOST}) or
 * into a file, the target stage's files into a directory (safely extracted: nothing can land
 * outside it) or into one tar.
 */
public final class ResultExports {
    static final String IMAGE = "image";
    static final String FILESYSTEM = "filesystem";

    private final CoordinatorClient client;
    private final Path workingDir;
    private final PrintWriter err;

    public ResultExports(CoordinatorClient client, Path workingDir, PrintWriter err) {
        this.client = client;
        this.workingDir = workingDir;
        this.err = err;
    }

    public void export(String buildId, List<OutputSpec> outputs) throws IOException {
        for (OutputSpec spec : outputs) {
            switch (spec.type()) {
                case "docker" -> {
                    if (spec.dest() == null) {
                        load(buildId);
                    } else {
                        toFile(buildId, IMAGE, workingDir.resolve(spec.dest()));
                    }
                }
                case "tar" -> toFile(buildId, FILESYSTEM, workingDir.resolve(spec.dest()));
                case "local" -> extract(buildId, workingDir.resolve(spec.dest()));
                default -> {
                    // type=image: the farm tags or pushes it; nothing comes here
                }
            }
        }
    }

    private void load(String buildId) throws IOException {
        err.println("loading the image into the local Docker daemon");
        err.flush();
        Process docker;
        try {
            docker = new ProcessBuilder("docker", "load").redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new StagefarmException(FailureCode.DOCKER_DAEMON, "docker load", 0,
                    "cannot run `docker load`: " + e.getMessage() + "; install the Docker CLI or use -o type=docker,dest=FILE");
        }
        try (InputStream image = client.download(buildId, IMAGE); OutputStream stdin = docker.getOutputStream()) {
            image.transferTo(stdin);
        } catch (IOException e) {
            docker.destroy();
            throw new StagefarmException(FailureCode.DOCKER_DAEMON, "docker load", 0,
                    "streaming the image into `docker load` failed: " + e.getMessage(), e);
        }
        try {
            int exit = docker.waitFor();
            if (exit != 0) {
                throw new StagefarmException(FailureCode.DOCKER_DAEMON, "docker load", 0,
                        "`docker load` exited with " + exit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            docker.destroy();
        }
    }

    private void toFile(String buildId, String what, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, "." + file.getFileName() + ".", ".partial");
        try (InputStream in = client.download(buildId, what)) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        err.println("wrote " + (what.equals(IMAGE) ? "the image" : "the files") + " to " + file);
        err.flush();
    }

    private void extract(String buildId, Path dir) throws IOException {
        try (InputStream in = client.download(buildId, FILESYSTEM)) {
            // A stage's files are a container filesystem: absolute links name paths in it, and are
            // written as they are (as BuildKit's local exporter does), never followed.
            SafeTarExtractor.Extracted done = new SafeTarExtractor(TarPolicy.CONTAINER_ARTIFACT).extract(in, dir);
            err.println("wrote " + done.entries() + " entries to " + dir);
            err.flush();
        }
    }
}
