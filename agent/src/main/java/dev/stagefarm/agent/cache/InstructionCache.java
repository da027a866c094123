package dev.stagefarm.agent.cache;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * The agent's local per-instruction cache, like {@code docker build}'s: an index from a step's
 * {@link StepKey} (parent image, canonical instruction, inputs) to the image its execution
 * committed. The index is a small properties file, rewritten atomically; an entry whose image
 * has gone from the daemon counts as a miss. Thread-safe.
 */
public final class InstructionCache {

    private final Path indexFile;
    private final Properties index = new Properties();

    /** Opens (or starts) the index kept in {@code indexFile}. */
    public InstructionCache(Path indexFile) {
        this.indexFile = indexFile;
        if (Files.exists(indexFile)) {
            try (Reader in = Files.newBufferedReader(indexFile)) {
                index.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The image recorded for {@code key} if {@code present} says the daemon still has it. */
    public synchronized Optional<String> lookup(StepKey key, Predicate<String> present) {
        String image = index.getProperty(key.value());
        if (image == null) {
            return Optional.empty();
        }
        if (!present.test(image)) {
            index.remove(key.value());
            return Optional.empty();
        }
        return Optional.of(image);
    }

    public synchronized void store(StepKey key, String image) {
        index.setProperty(key.value(), image);
        try {
            Files.createDirectories(indexFile.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(indexFile.toAbsolutePath().getParent(), "index", ".tmp");
            try (Writer out = Files.newBufferedWriter(temp)) {
                index.store(out, "stagefarm agent instruction cache: step key = committed image");
            }
            Files.move(temp, indexFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
