package dev.stagefarm.agent.cache;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * The agent's local per-instruction cache, like {@code docker build}'s: an index from a step's
 * {@link StepKey} (parent image, canonical instruction, inputs) to the image its execution
 * committed. The index is a small properties file: each step appends one line (rewriting the
 * whole file per step grew with every build the agent ever ran), and opening it compacts it once,
 * atomically. A line torn by a crash reads as an entry nobody asks for; an entry whose image has
 * gone from the daemon counts as a miss. Thread-safe.
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
            compact();
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
            // The leading newline ends whatever a crash may have left half-written.
            Files.writeString(indexFile, "\n" + key.value() + "=" + image.replace(":", "\\:"),
                    StandardCharsets.ISO_8859_1, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites the index with one line per entry. */
    private void compact() {
        try {
            Path temp = Files.createTempFile(indexFile.toAbsolutePath().getParent(), "index", ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.ISO_8859_1)) {
                index.store(out, "stagefarm agent instruction cache: step key = committed image");
            }
            Files.move(temp, indexFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
