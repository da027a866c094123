package dev.stagefarm.agent.job;

import dev.stagefarm.agent.docker.DockerEngine;
import dev.stagefarm.agent.docker.DockerImages;
import dev.stagefarm.agent.docker.PushTarget;
import dev.stagefarm.agent.exec.LogListener;
import dev.stagefarm.agent.executor.ArtifactExport;
import dev.stagefarm.agent.executor.StageSession;
import dev.stagefarm.artifactstore.ArtifactManifest;
import dev.stagefarm.imagestore.ImageUpload;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.StageJob;
import dev.stagefarm.protocol.StageOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Step 5: stores what later stages need. FILES: the listed paths as one tar at the output's key,
 * then the manifest LAST (its presence marks the result complete). IMAGE: the stage image,
 * tagged with its cache key, as layer blobs shared with every image holding them and an image
 * record at the output's key (written last), then, when the output asks, tagged
 * with each push reference and pushed through the daemon (the push tags are removed again: the
 * build host keeps only the stage tag). Each stored object is announced with
 * {@code ArtifactStored}.
 */
final class ExportOutputs {

    /**
     * One stored object.
     *
     * @param imageId for IMAGE, the image id ({@code sha256:} of its config), else null
     * @param size for IMAGE, the image's size (config and layers); else the object's
     * @param sha256 the digest of the object at {@code objectKey} (for IMAGE, the image record)
     * @param pushed for IMAGE, {@code name@sha256:…} per pushed reference
     * @param uploaded the bytes this export sent to the store
     */
    record Stored(ArtifactKind kind, String objectKey, long size, String sha256, String imageId, List<String> pushed,
            long uploaded) {
        Stored {
            pushed = List.copyOf(pushed);
        }
    }

    private static final Logger LOG = Logger.getLogger(ExportOutputs.class);

    private final ObjectStore store;

    ExportOutputs(ObjectStore store) {
        this.store = store;
    }

    /** {@code pushProgress} receives the daemon's status lines while the image is pushed. */
    List<Stored> export(StageJob job, String cacheKey, String image, StageSession session, LogListener pushProgress)
            throws IOException {
        List<Stored> stored = new ArrayList<>();
        for (StageOutput output : job.outputs()) {
            if (output.kind() == ArtifactKind.FILES) {
                ArtifactManifest manifest = new ArtifactExport(session, store).exportFiles(image, output.paths(),
                        output.objectKey(), output.manifestKey());
                stored.add(new Stored(ArtifactKind.FILES, output.objectKey(), manifest.size(), manifest.digest(), null,
                        List.of(), manifest.size()));
            } else {
                Stored saved = exportImage(session, image, cacheKey, output.objectKey());
                List<String> pushed = push(session.engine(), saved.imageId(), output.push(), pushProgress);
                stored.add(new Stored(saved.kind(), saved.objectKey(), saved.size(), saved.sha256(), saved.imageId(),
                        pushed, saved.uploaded()));
            }
        }
        return stored;
    }

    /**
     * Stores the image content-addressed ({@link ImageUpload}): the layers the store lacks as
     * blobs, then the image record at {@code objectKey}. The shared base layers of the image are
     * read from the daemon's save stream and hashed, not uploaded again.
     */
    private Stored exportImage(StageSession session, String image, String cacheKey, String objectKey) throws IOException {
        // Tagged so that a later stage on this daemon finds it without loading it again.
        session.engine().images().tag(image, FetchInputs.STAGE_IMAGE_REPOSITORY, cacheKey);
        String tag = FetchInputs.imageTag(cacheKey);
        DockerImages images = session.engine().images();
        String imageId = images.imageId(tag).orElse(image);
        ImageUpload.Stored stored = new ImageUpload(store, session.tempDir()).store(() -> images.save(tag),
                images.layerDiffIds(tag), objectKey);
        long size = stored.record().config().size() + stored.record().layerBytes();
        LOG.infof("image %s stored at %s: %d layers, %d of %d layer bytes uploaded (the rest already stored)",
                imageId, objectKey, stored.record().layers().size(), stored.uploadedBytes(), stored.record().layerBytes());
        return new Stored(ArtifactKind.IMAGE, objectKey, size, stored.recordDigest().toString(), imageId, List.of(),
                stored.uploadedBytes() + stored.recordSize());
    }

    private static List<String> push(DockerEngine engine, String imageId, List<String> references,
            LogListener progress) {
        List<String> pushed = new ArrayList<>();
        for (String reference : references) {
            PushTarget target = PushTarget.parse(reference);
            engine.images().tag(imageId, target.repository(), target.tag());
            try {
                progress.line(LogListener.Stream.STDOUT, "pushing " + target.reference());
                pushed.add(target.pushed(engine.images().push(target, progress)));
            } finally {
                // Only the name goes: the image itself stays under its stage tag.
                engine.images().removeImage(target.reference());
            }
        }
        return pushed;
    }
}
