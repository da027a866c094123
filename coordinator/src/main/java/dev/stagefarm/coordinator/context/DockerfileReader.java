package dev.stagefarm.coordinator.context;

import dev.stagefarm.coordinator.config.CoordinatorConfig;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.protocol.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads the Dockerfile out of a stored context by streaming the tar until the entry is found;
 * only the Dockerfile itself (bounded in size) is held in memory.
 */
@ApplicationScoped
public class DockerfileReader {
    @Inject
    ObjectStore store;
    @Inject
    CoordinatorConfig config;

    /**
     * @throws StagefarmException UNKNOWN_CONTEXT when no context has the digest,
     *     CONTEXT_FILE_MISSING when the context has no such file, CONTEXT_INVALID when it is no tar
     */
    public String read(String digest, String path) {
        ContextUploads.requireDigest(digest);
        String wanted = normalise(path);
        String key = ObjectKeys.context(digest);
        try {
            Optional<InputStream> object = store.get(key);
            if (object.isEmpty()) {
                throw new StagefarmException(FailureCode.UNKNOWN_CONTEXT, "context " + digest, 0,
                        "no context with digest sha256:" + digest + " was uploaded");
            }
            try (InputStream raw = new BufferedInputStream(object.get());
                    TarArchiveInputStream tar = new TarArchiveInputStream(maybeGunzip(raw))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    if (entry.isFile() && normalise(entry.getName()).equals(wanted)) {
                        return readBounded(tar, path);
                    }
                }
            }
        } catch (IOException e) {
            throw new StagefarmException(FailureCode.CONTEXT_INVALID, "context " + digest, 0,
                    "the context is not a readable tar: " + e.getMessage(), e);
        }
        throw new StagefarmException(FailureCode.CONTEXT_FILE_MISSING, path, 0,
                "the context has no file " + path);
    }

    private String readBounded(InputStream in, String path) throws IOException {
        int max = config.storage().maxDockerfileBytes();
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw new StagefarmException(FailureCode.BAD_REQUEST, path, 0,
                    "the Dockerfile is larger than " + max + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static InputStream maybeGunzip(InputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GzipCompressorInputStream(in) : in;
    }

    static String normalise(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./") || p.startsWith("/")) {
            p = p.startsWith("./") ? p.substring(2) : p.substring(1);
        }
        return p;
    }
}
