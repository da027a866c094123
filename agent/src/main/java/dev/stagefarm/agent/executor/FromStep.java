package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.docker.DockerEngine;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.imagestore.ArchiveStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * FROM: makes the base image present on the daemon (pull, load a parent stage's archive, or the
 * empty image standing for scratch) and reads its config.
 */
final class FromStep {

    /** The local image that stands for {@code scratch} (the daemon cannot create a container without one). */
    static final String SCRATCH_REPOSITORY = "stagefarm/scratch";

    private final DockerEngine engine;

    FromStep(DockerEngine engine) {
        this.engine = engine;
    }

    /** The base image's id and its config ({@code scratch}: BuildKit's default PATH only). */
    Base resolve(BaseImage base) {
        if (base instanceof BaseImage.Scratch) {
            String id = engine.images().imageId(SCRATCH_REPOSITORY + ":latest").orElseGet(() ->
                    // An archive of two zero blocks: a tar with no entries.
                    engine.images().importRootfs(new ByteArrayInputStream(new byte[1024]), SCRATCH_REPOSITORY,
                            "latest"));
            return new Base(id, ImageConfig.scratch());
        }
        if (base instanceof BaseImage.Reference reference) {
            String ref = reference.reference();
            String id = engine.images().imageId(ref).orElseGet(() -> {
                engine.images().pull(ref);
                return engine.images().imageId(ref).orElseThrow(() -> new StagefarmException(
                        FailureCode.DOCKER_DAEMON, ref, 0, "image " + ref + " not found after pull"));
            });
            return new Base(id, engine.images().imageConfig(id));
        }
        BaseImage.Archive archive = (BaseImage.Archive) base;
        String id = engine.images().imageId(archive.tag()).orElseGet(() -> {
            try (InputStream in = archive.source().open()) {
                load(in);
            } catch (IOException e) {
                throw new StagefarmException(FailureCode.OBJECT_STORE, archive.tag(), 0,
                        "cannot read the parent stage image: " + e.getMessage(), e);
            }
            return engine.images().imageId(archive.tag()).orElseThrow(() -> new StagefarmException(
                    FailureCode.ARTIFACT_CORRUPT, archive.tag(), 0, "the parent stage archive does not hold " + archive.tag()));
        });
        return new Base(id, engine.images().imageConfig(id));
    }

    /** Loads the archive; a stored image that cannot be read fails as such, not as the daemon's load. */
    private void load(InputStream archive) {
        try {
            engine.images().load(archive);
        } catch (RuntimeException e) {
            throw archive instanceof ArchiveStream stream ? stream.failureOr(e) : e;
        }
    }

    record Base(String imageId, ImageConfig config) {
    }
}
