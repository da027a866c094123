package dev.stagefarm.agent.executor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagefarm.archive.SafeTarExtractor;
import dev.stagefarm.archive.TarEntryReader;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.digest.VerifyingInputStream;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Brings an upstream stage's exported files to this agent: reads the manifest, streams the
 * files tar down while verifying its digest and size, and extracts it safely into a folder
 * that then serves as that stage's artifact root ({@link StageInputs#artifacts()}), with the
 * owners the files had in the upstream image.
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
        try (InputStream raw = store.get(objectKey).orElseThrow(() -> missing(objectKey));
                InputStream verified = new VerifyingInputStream(raw, Digest.parse(manifest.digest()), manifest.size(), objectKey);
                OwnerRecorder recorder = new OwnerRecorder(verified)) {
            new SafeTarExtractor(TarEntryReader.TarPolicy.CONTAINER_ARTIFACT).extract(recorder, target);
            // COPY --from keeps the upstream owners; the safe extractor leaves files to the agent user.
            recorder.applyTo(target);
        }
        return target;
    }

    private static StagefarmException missing(String key) {
        return new StagefarmException(FailureCode.OBJECT_STORE, key, 0, "object " + key + " is missing");
    }
}
