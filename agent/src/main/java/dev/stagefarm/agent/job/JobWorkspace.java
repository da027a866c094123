package dev.stagefarm.agent.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folder of one attempt under the agent's work dir: the extracted context, the downloaded
 * inputs, the stage log. Deleted in {@link #close()} whatever the outcome. Not thread-safe.
 */
public final class JobWorkspace implements AutoCloseable {

    private final Path root;

    private JobWorkspace(Path root) {
        this.root = root;
    }

    /** A fresh folder under {@code workRoot} named after the attempt. */
    public static JobWorkspace create(Path workRoot, String name) throws IOException {
        Files.createDirectories(workRoot);
        return new JobWorkspace(Files.createTempDirectory(workRoot, name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-"));
    }

    public Path root() {
        return root;
    }

    /** Where the context is extracted (does not exist before). */
    public Path context() {
        return root.resolve("context");
    }

    /** Where the files of input {@code index} are extracted (does not exist before). */
    public Path input(int index) {
        return root.resolve("inputs").resolve(Integer.toString(index));
    }

    public Path logFile() {
        return root.resolve("stage.log");
    }

    /** Temporary files of the executor. */
    public Path scratch() {
        return root.resolve("tmp");
    }

    @Override
    public void close() {
        delete(root);
    }

    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                // Extracted trees may hold read-only folders: make them writable before emptying them.
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
