package dev.stagefarm.agent.job;

import dev.stagefarm.agent.docker.DockerEngine;
import dev.stagefarm.agent.executor.ArtifactImport;
import dev.stagefarm.agent.executor.StageInputs;
import dev.stagefarm.artifactstore.ArtifactDownload;
import dev.stagefarm.artifactstore.ArtifactManifest;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.imagestore.ArchiveStream;
import dev.stagefarm.imagestore.ImageArchive;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.ObjectKeys;
import dev.stagefarm.protocol.StageInput;
import dev.stagefarm.protocol.StageJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Step 3: brings what earlier stages stored. FILES are downloaded, verified against their
 * manifest and extracted into a folder per input (known to COPY --from and mounts by the
 * producing stage's name and index); an IMAGE (this stage's parent) is put together from its
 * record and layer blobs and streamed into {@code docker load}, unless the daemon already has it.
 */
final class FetchInputs {

    /** The repository under which stage images travel; the tag is the stage's cache key. */
    static final String STAGE_IMAGE_REPOSITORY = "stagefarm-stage";

    private final ObjectStore store;
    private final DockerEngine engine;

    FetchInputs(ObjectStore store, DockerEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    /** The inputs on this host; {@code bytes} receives what was downloaded. */
    StageInputs fetch(StageJob job, Path context, JobWorkspace workspace, ByteCounter bytes) throws IOException {
        Map<String, Path> artifacts = new HashMap<>();
        for (int i = 0; i < job.inputs().size(); i++) {
            StageInput input = job.inputs().get(i);
            if (input.kind() == ArtifactKind.FILES) {
                ArtifactManifest manifest = new ArtifactDownload(store).manifest(ObjectKeys.manifestOf(input.objectKey()));
                Path root = new ArtifactImport(store).importFiles(input.objectKey(), manifest, workspace.input(i));
                bytes.add(manifest.size());
                artifacts.put(Integer.toString(input.stageIndex()), root);
                if (input.stageName() != null) {
                    artifacts.put(input.stageName(), root);
                }
            } else {
                loadImage(input, bytes);
            }
        }
        return new StageInputs(Files.isDirectory(context) ? context : null, artifacts, Map.of());
    }

    /** The tag under which the image of the stage with {@code cacheKey} is known on a daemon. */
    static String imageTag(String cacheKey) {
        return STAGE_IMAGE_REPOSITORY + ":" + cacheKey;
    }

    private void loadImage(StageInput input, ByteCounter bytes) throws IOException {
        if (engine.images().imageId(imageTag(input.cacheKey())).isPresent()) {
            return;
        }
        try (ArchiveStream archive = new ImageArchive(store).open(input.objectKey());
                CountingInputStream counted = new CountingInputStream(archive)) {
            try {
                engine.images().load(counted);
            } catch (RuntimeException e) {
                throw archive.failureOr(e);
            }
            bytes.add(counted.count());
        }
        if (engine.images().imageId(imageTag(input.cacheKey())).isEmpty()) {
            throw new StagefarmException(FailureCode.ARTIFACT_CORRUPT, input.objectKey(), 0,
                    "the parent stage archive does not hold " + imageTag(input.cacheKey()));
        }
    }

    /** Receives byte counts for the metrics. */
    @FunctionalInterface
    interface ByteCounter {
        void add(long bytes);
    }
}
