package dev.stagefarm.agent.job;

import dev.stagefarm.agent.executor.ArtifactExport;
import dev.stagefarm.agent.executor.StageSession;
import dev.stagefarm.digest.DigestingInputStream;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.StageJob;
import dev.stagefarm.protocol.StageOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 5: stores what later stages need. FILES: the listed paths as one tar at the output's key,
 * then the manifest LAST (its presence marks the result complete). IMAGE: the stage image,
 * tagged with its cache key, as a {@code docker save} stream. Each stored object is announced
 * with {@code ArtifactStored}.
 */
final class ExportOutputs {

    /** One stored object. */
    record Stored(ArtifactKind kind, String objectKey, long size, String sha256) {
    }

    private final ObjectStore store;

    ExportOutputs(ObjectStore store) {
        this.store = store;
    }

    List<Stored> export(StageJob job, String cacheKey, String image, StageSession session) throws IOException {
        List<Stored> stored = new ArrayList<>();
        for (StageOutput output : job.outputs()) {
            if (output.kind() == ArtifactKind.FILES) {
                ArtifactExport.Manifest manifest = new ArtifactExport(session, store).exportFiles(image, output.paths(),
                        output.objectKey(), output.manifestKey());
                stored.add(new Stored(ArtifactKind.FILES, output.objectKey(), manifest.size(), manifest.digest()));
            } else {
                stored.add(exportImage(session, image, cacheKey, output.objectKey()));
            }
        }
        return stored;
    }

    private Stored exportImage(StageSession session, String image, String cacheKey, String objectKey) throws IOException {
        // Tagged so that a later stage on this daemon finds it without loading it again.
        session.engine().tag(image, FetchInputs.STAGE_IMAGE_REPOSITORY, cacheKey);
        try (InputStream saved = session.engine().save(FetchInputs.imageTag(cacheKey));
                DigestingInputStream digesting = new DigestingInputStream(saved)) {
            store.put(objectKey, digesting, -1);
            return new Stored(ArtifactKind.IMAGE, objectKey, digesting.count(), digesting.digest().toString());
        }
    }
}
