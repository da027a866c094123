package dev.stagefarm.agent.executor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagefarm.archive.SafeTarExtractor;
import dev.stagefarm.archive.TarEntryReader;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.digest.VerifyingInputStream;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Brings an upstream stage's exported files to this agent: reads the manifest, streams the
 * files tar down while verifying its digest and size, and extracts it safely into a folder
 * that then serves as that stage's artifact root ({@link StageInputs#artifacts()}), with the
 * owners the files had in the upstream image (noted from the tar headers during the one pass of
 * extraction, set once it is complete).
 */
public final class ArtifactImport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;

    public ArtifactImport(ObjectStore store) {
        this.store = store;
    }

    /** Extracts the artifact into {@code target} (which must not exist) and returns it. */
    public Path importFiles(String objectKey, String manifestKey, Path target) throws IOException {
        ArtifactExport.Manifest manifest;
        try (InputStream in = store.get(manifestKey).orElseThrow(() -> missing(manifestKey))) {
            manifest = JSON.readValue(in, ArtifactExport.Manifest.class);
        }
        Map<String, long[]> owners = new LinkedHashMap<>();
        // Large reads from the store: the tar reader asks for a few kilobytes at a time.
        try (InputStream raw = new BufferedInputStream(store.get(objectKey).orElseThrow(() -> missing(objectKey)),
                        1 << 20);
                InputStream verified = new VerifyingInputStream(raw, Digest.parse(manifest.digest()), manifest.size(), objectKey)) {
            new SafeTarExtractor(TarEntryReader.TarPolicy.CONTAINER_ARTIFACT).extract(keptOpen(verified), target,
                    h -> owners.put(h.name(), new long[] {h.uid(), h.gid()}));
            // The end-of-archive blocks too: the digest and size check needs every byte.
            verified.transferTo(OutputStream.nullOutputStream());
        }
        // COPY --from keeps the upstream owners; the safe extractor leaves files to the agent user.
        Path base = target.toAbsolutePath().normalize();
        for (Map.Entry<String, long[]> owner : owners.entrySet()) {
            Path path = base.resolve(owner.getKey()).normalize();
            if (path.startsWith(base) && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.setAttribute(path, "unix:uid", (int) owner.getValue()[0], LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", (int) owner.getValue()[1], LinkOption.NOFOLLOW_LINKS);
            }
        }
        return target;
    }

    /** The extractor closes what it reads; the rest of the stream still has to be read here. */
    private static InputStream keptOpen(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
    }

    private static StagefarmException missing(String key) {
        return new StagefarmException(FailureCode.OBJECT_STORE, key, 0, "object " + key + " is missing");
    }
}
