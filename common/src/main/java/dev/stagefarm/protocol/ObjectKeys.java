package dev.stagefarm.protocol;

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

    /** The whole image of a stage, when another stage builds on it elsewhere. */
    public static String image(String cacheKey) {
        return "images/" + cacheKey + ".tar";
    }

    /** The full log of one stage of one build. */
    public static String log(String buildId, String stageName) {
        return "logs/" + buildId + "/" + stageName + ".log";
    }
}
