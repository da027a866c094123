package dev.stagefarm.coordinator.context;

import dev.stagefarm.context.ContextTarReader;
import dev.stagefarm.context.ContextTarScan;
import dev.stagefarm.coordinator.config.CoordinatorConfig;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.protocol.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a stored context once, streaming: the Dockerfile's text and the manifest of file digests
 * the cache keys are computed from (see {@link ContextTarReader}). Only the Dockerfile (bounded in
 * size) is held in memory.
 */
@ApplicationScoped
public class ContextReader {
    @Inject
    ObjectStore store;
    @Inject
    CoordinatorConfig config;

    /**
     * @throws StagefarmException UNKNOWN_CONTEXT when no context has the digest,
     *     CONTEXT_FILE_MISSING when the context has no such Dockerfile, CONTEXT_INVALID when it is no
     *     complete tar
     */
    public ContextTarScan read(String digest, String dockerfilePath) {
        ContextUploads.requireDigest(digest);
        String key = ObjectKeys.context(digest);
        ContextTarScan scan;
        try {
            Optional<InputStream> object = store.get(key);
            if (object.isEmpty()) {
                throw new StagefarmException(FailureCode.UNKNOWN_CONTEXT, "context " + digest, 0,
                        "no context with digest sha256:" + digest + " was uploaded");
            }
            try (InputStream in = object.get()) {
                scan = ContextTarReader.read(in, dockerfilePath, config.storage().maxDockerfileBytes());
            }
        } catch (IOException e) {
            throw new StagefarmException(FailureCode.CONTEXT_INVALID, "context " + digest, 0,
                    "the context is not a readable tar: " + e.getMessage(), e);
        }
        if (scan.dockerfile().isEmpty()) {
            throw new StagefarmException(FailureCode.CONTEXT_FILE_MISSING, dockerfilePath, 0,
                    "the context has no file " + dockerfilePath);
        }
        return scan;
    }
}
