package dev.stagefarm.objectstore;

import dev.stagefarm.digest.Digest;

/**
 * The object store's key layout, in one place: {@code contexts/sha256/<hex>},
 * {@code artifacts/<stage-key>/<name>}, {@code images/<stage-key>.tar},
 * {@code logs/<build>/<stage>.log}. Stateless.
 */
public final class ObjectKeys {
    private ObjectKeys() {
    }

    /** A context tar, addressed by its digest. */
    public static String context(Digest digest) {
        return "contexts/sha256/" + digest.hex();
    }

    /** One artifact of a stage (for example {@code dist.tar} or {@code manifest.json}). */
    public static String artifact(Digest stageKey, String name) {
        requireSimpleName(name);
        return "artifacts/" + stageKey.hex() + "/" + name;
    }

    /** A stage's whole image, saved as a tar. */
    public static String image(Digest stageKey) {
        return "images/" + stageKey.hex() + ".tar";
    }

    /** The full log of one stage of one build. */
    public static String log(String buildId, String stageName) {
        requireSimpleName(buildId);
        requireSimpleName(stageName);
        return "logs/" + buildId + "/" + stageName + ".log";
    }

    private static void requireSimpleName(String part) {
        if (part == null || part.isEmpty() || part.contains("/") || part.equals(".") || part.equals("..")) {
            throw new IllegalArgumentException("not a single key segment: \"" + part + "\"");
        }
    }
}
