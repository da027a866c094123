package dev.stagefarm.coordinator.context;

import dev.stagefarm.archive.SafeTarExtractor;
import dev.stagefarm.archive.TarEntryReader.TarPolicy;
import dev.stagefarm.context.ContextPacker;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.plan.cache.ContextDigests;
import dev.stagefarm.protocol.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The file digests of a stored context, as the stage cache keys see them. The context is
 * extracted to a scratch folder (streamed, never held in memory) and read the same way an agent
 * reads it after its own extraction, so both sides compute the same keys by construction.
 */
@ApplicationScoped
public class ContextFileDigests {
    @Inject
    ObjectStore store;

    /** @param dockerfilePath the Dockerfile's path in the context (hidden from COPY like BuildKit does) */
    public ContextDigests of(String contextDigest, String dockerfilePath) {
        String key = ObjectKeys.context(contextDigest);
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("stagefarm-context-");
            try (InputStream in = store.get(key).orElseThrow(() -> new StagefarmException(FailureCode.UNKNOWN_CONTEXT,
                    "context " + contextDigest, 0, "no context with digest sha256:" + contextDigest + " was uploaded"))) {
                new SafeTarExtractor(TarPolicy.CONTEXT).extract(in, scratch);
            }
            return ContextDigests.of(new ContextPacker().manifest(scratch, dockerfilePath));
        } catch (IOException e) {
            throw new StagefarmException(FailureCode.CONTEXT_INVALID, "context " + contextDigest, 0,
                    "the context cannot be read: " + e.getMessage(), e);
        } finally {
            if (scratch != null) {
                delete(scratch);
            }
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A scratch folder left behind costs disk only; the plan is still right.
        }
    }
}
