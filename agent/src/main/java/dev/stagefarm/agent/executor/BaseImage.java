package dev.stagefarm.agent.executor;

import java.io.IOException;
import java.io.InputStream;

/** What a stage starts from (its FROM). */
public sealed interface BaseImage {

    /** {@code FROM scratch}: an empty file system. */
    record Scratch() implements BaseImage {
    }

    /** An image by reference, pulled through the daemon (and its registry mirror) unless present. */
    record Reference(String reference) implements BaseImage {
    }

    /**
     * A parent stage's image as a {@code docker save} stream, tagged {@code tag} inside; loaded
     * unless an image with that tag is already present.
     */
    record Archive(String tag, ArchiveSource source) implements BaseImage {
    }

    /** Opens the archive stream; called at most once per stage. */
    @FunctionalInterface
    interface ArchiveSource {
        InputStream open() throws IOException;
    }
}
