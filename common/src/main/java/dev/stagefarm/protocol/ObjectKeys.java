package dev.stagefarm.protocol;

import dev.stagefarm.digest.Digest;

/**
 * The object-store layout every module agrees on. Keys only: nothing here talks to storage.
 */
public final class ObjectKeys {
    private ObjectKeys() {
    }

    /** A build context tar, content-addressed by the hex SHA-256 of its bytes. */
    public static String context(String sha256Hex) {
        return "contexts/sha256/" + sha256Hex;
    }

    /** The tar of the paths a stage exports for later stages, under the stage's cache key. */
    public static String artifact(String cacheKey) {
        return "artifacts/" + cacheKey + "/files.tar";
    }

    /**
     * The manifest (digests and sizes) of a stage's exported files. Written last, so its presence
     * marks the stage's result as complete: a stage whose manifest exists needs no agent.
     */
    public static String artifactManifest(String cacheKey) {
        return "artifacts/" + cacheKey + "/manifest.json";
    }

    /**
     * The record of a stage's whole image (its config and layer blobs in order, its tags), when
     * another stage builds on it elsewhere or it is the build's result. Written after every blob
     * it names, so its presence marks the stage's image as complete. See docs/object-layout.md.
     */
    public static String image(String cacheKey) {
        return "images/" + cacheKey + ".json";
    }

    /**
     * A content-addressed blob: an image layer tar (keyed by its diffID, the SHA-256 of the
     * uncompressed tar) or an image config (keyed by the image id). Shared by every image holding it.
     */
    public static String blob(Digest digest) {
        return "blobs/sha256/" + digest.hex();
    }

    /** The full log of one stage of one build. */
    public static String log(String buildId, String stageName) {
        return "logs/" + buildId + "/" + stageName + ".log";
    }
}
