package dev.stagefarm.agent.executor;

import dev.stagefarm.archive.SafeTarExtractor;
import dev.stagefarm.artifactstore.ArtifactDownload;
import dev.stagefarm.artifactstore.ArtifactManifest;
import dev.stagefarm.digest.ReadAheadInputStream;
import dev.stagefarm.objectstore.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Brings an upstream stage's exported files to this agent: reads the manifest, streams the
 * files tar down ({@link ArtifactDownload}: the one object or its chunks, verified against their
 * digests and sizes), and extracts it safely into a folder
 * that then serves as that stage's artifact root ({@link StageInputs#artifacts()}), with the
 * owners the files had in the upstream image (noted from the tar headers during the one pass of
 * extraction, set once it is complete).
 */
public final class ArtifactImport {

    /** 4 × 1 MiB: enough for the reader to stay ahead of file writes; bounded whatever the size. */
    private static final int READ_AHEAD_BLOCKS = 4;
    private static final int READ_AHEAD_BLOCK_SIZE = 1 << 20;

    private final ObjectStore store;

    public ArtifactImport(ObjectStore store) {
        this.store = store;
    }

    /** Extracts the artifact into {@code target} (which must not exist) and returns it. */
    public Path importFiles(String objectKey, String manifestKey, Path target) throws IOException {
        return importFiles(objectKey, new ArtifactDownload(store).manifest(manifestKey), target);
    }

    /** As {@link #importFiles(String, String, Path)}, for a caller that has read the manifest already. */
    public Path importFiles(String objectKey, ArtifactManifest manifest, Path target) throws IOException {
        ArtifactDownload download = new ArtifactDownload(store);
        // The download and its digests run on a reader thread a few blocks ahead of the
        // extraction, which writes the files meanwhile.
        try (InputStream verified = new ReadAheadInputStream(download.open(objectKey, manifest),
                READ_AHEAD_BLOCKS, READ_AHEAD_BLOCK_SIZE, "artifact-download")) {
            OwnerKeepingExtraction.extract(verified, target);
            drainVerifying(verified, target);
        }
        return target;
    }

    /**
     * Reads the end of the object (the end-of-archive blocks and padding), which the digest and
     * size check needs; a mismatch found only there removes the extracted files again.
     */
    private static void drainVerifying(InputStream verified, Path target) throws IOException {
        try {
            verified.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            SafeTarExtractor.deleteRecursively(target);
            throw e;
        }
    }
}
