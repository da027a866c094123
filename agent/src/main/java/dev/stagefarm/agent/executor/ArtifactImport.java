package dev.stagefarm.agent.executor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.digest.VerifyingInputStream;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

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
        // Large reads from the store: the tar reader asks for a few kilobytes at a time.
        try (InputStream raw = new BufferedInputStream(store.get(objectKey).orElseThrow(() -> missing(objectKey)),
                        1 << 20);
                InputStream verified = new VerifyingInputStream(raw, Digest.parse(manifest.digest()), manifest.size(), objectKey)) {
            OwnerKeepingExtraction.extract(verified, target);
            // The end-of-archive blocks too: the digest and size check needs every byte.
            verified.transferTo(OutputStream.nullOutputStream());
        }
        return target;
    }

    private static StagefarmException missing(String key) {
        return new StagefarmException(FailureCode.OBJECT_STORE, key, 0, "object " + key + " is missing");
    }
}
