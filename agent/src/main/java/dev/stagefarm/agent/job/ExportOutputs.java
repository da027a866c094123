package dev.stagefarm.agent.job;

import dev.stagefarm.agent.docker.DockerEngine;
import dev.stagefarm.agent.docker.PushTarget;
import dev.stagefarm.agent.exec.LogListener;
import dev.stagefarm.agent.executor.ArtifactExport;
import dev.stagefarm.agent.executor.StageSession;
import dev.stagefarm.digest.DigestingOutputStream;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.StageJob;
import dev.stagefarm.protocol.StageOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 5: stores what later stages need. FILES: the listed paths as one tar at the output's key,
 * then the manifest LAST (its presence marks the result complete). IMAGE: the stage image,
 * tagged with its cache key, as a {@code docker save} stream, then, when the output asks, tagged
 * with each push reference and pushed through the daemon (the push tags are removed again: the
 * build host keeps only the stage tag). Each stored object is announced with
 * {@code ArtifactStored}.
 */
final class ExportOutputs {

    /**
     * One stored object.
     *
     * @param imageId for IMAGE, the image id ({@code sha256:} of its config), else null
     * @param pushed for IMAGE, {@code name@sha256:…} per pushed reference
     */
    record Stored(ArtifactKind kind, String objectKey, long size, String sha256, String imageId, List<String> pushed) {
        Stored {
            pushed = List.copyOf(pushed);
        }
    }

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
                ArtifactExport.Manifest manifest = new ArtifactExport(session, store).exportFiles(image, output.paths(),
                        output.objectKey(), output.manifestKey());
                stored.add(new Stored(ArtifactKind.FILES, output.objectKey(), manifest.size(), manifest.digest(), null,
                        List.of()));
            } else {
                Stored saved = exportImage(session, image, cacheKey, output.objectKey());
                List<String> pushed = push(session.engine(), saved.imageId(), output.push(), pushProgress);
                stored.add(new Stored(saved.kind(), saved.objectKey(), saved.size(), saved.sha256(), saved.imageId(),
                        pushed));
            }
        }
        return stored;
    }

    /**
     * Saves the image to a file in the stage's scratch folder first, then stores it with its length
     * known: a {@code docker save} stream has none, and a multipart upload of unknown length ran at
     * 0.6–1.0× the speed of a put of known length in the agent's artifact benchmark.
     */
    private Stored exportImage(StageSession session, String image, String cacheKey, String objectKey) throws IOException {
        // Tagged so that a later stage on this daemon finds it without loading it again.
        session.engine().tag(image, FetchInputs.STAGE_IMAGE_REPOSITORY, cacheKey);
        String imageId = session.engine().imageId(FetchInputs.imageTag(cacheKey)).orElse(image);
        Path spool = Files.createTempFile(session.tempDir(), "image-", ".tar");
        try {
            DigestingOutputStream digesting;
            try (InputStream saved = session.engine().save(FetchInputs.imageTag(cacheKey));
                    OutputStream file = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 20)) {
                digesting = new DigestingOutputStream(file);
                saved.transferTo(digesting);
                digesting.flush();
            }
            try (InputStream in = Files.newInputStream(spool)) {
                store.put(objectKey, in, digesting.count());
            }
            return new Stored(ArtifactKind.IMAGE, objectKey, digesting.count(), digesting.digest().toString(), imageId,
                    List.of());
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static List<String> push(DockerEngine engine, String imageId, List<String> references,
            LogListener progress) {
        List<String> pushed = new ArrayList<>();
        for (String reference : references) {
            PushTarget target = PushTarget.parse(reference);
            engine.tag(imageId, target.repository(), target.tag());
            try {
                progress.line(LogListener.Stream.STDOUT, "pushing " + target.reference());
                pushed.add(target.pushed(engine.push(target, progress)));
            } finally {
                // Only the name goes: the image itself stays under its stage tag.
                engine.removeImage(target.reference());
            }
        }
        return pushed;
    }
}
