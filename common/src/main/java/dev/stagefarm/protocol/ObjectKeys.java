package dev.stagefarm.protocol;

import dev.stagefarm.digest.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The object-store layout every module agrees on. Keys only: nothing here talks to storage.
 */
public final class ObjectKeys {
    private static final String FILES = "files.tar";
    private static final String MANIFEST = "manifest.json";

    private ObjectKeys() {
    }

    /** A build context tar, content-addressed by the hex SHA-256 of its bytes. */
    public static String context(String sha256Hex) {
        return "contexts/sha256/" + sha256Hex;
    }

    /**
     * The tar of the paths a stage exports for later stages. Keyed by the stage's cache key AND the
     * set of exported paths: the cache key says what the stage's file system holds, not which of its
     * paths were kept, and another build whose later stages copy other paths of the same stage must
     * not find this narrower result and take it as complete.
     */
    public static String artifact(String cacheKey, Collection<String> paths) {
        return artifactFolder(cacheKey, paths) + FILES;
    }

    /**
     * The manifest (digests and sizes) of the exported files beside {@link #artifact}. Written last,
     * so its presence marks the stage's result as complete: a stage whose manifest exists needs no
     * agent.
     */
    public static String artifactManifest(String cacheKey, Collection<String> paths) {
        return artifactFolder(cacheKey, paths) + MANIFEST;
    }

    /** The manifest that belongs to the artifact stored under {@code artifactKey}. */
    public static String manifestOf(String artifactKey) {
        if (!artifactKey.endsWith("/" + FILES)) {
            throw new IllegalArgumentException("not an artifact key: " + artifactKey);
        }
        return artifactKey.substring(0, artifactKey.length() - FILES.length()) + MANIFEST;
    }

    /**
     * Chunk {@code index} (from 0) of a large artifact stored under {@code artifactKey} by the
     * upload {@code uploadId}: beside the artifact's manifest, which lists its chunks in order.
     * The upload id keeps two uploads of the same artifact out of each other's chunks.
     */
    public static String artifactChunk(String artifactKey, String uploadId, int index) {
        if (!artifactKey.endsWith("/" + FILES)) {
            throw new IllegalArgumentException("not an artifact key: " + artifactKey);
        }
        return artifactKey.substring(0, artifactKey.length() - FILES.length()) + "chunks/" + uploadId + "/"
                + String.format("%05d", index);
    }

    // The path set in a fixed order (sorted, each once), hashed so that any set fits in a key.
    private static String artifactFolder(String cacheKey, Collection<String> paths) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("an artifact exports at least one path");
        }
        String canonical = String.join("\n", new TreeSet<>(paths));
        return "artifacts/" + cacheKey + "/" + Digest.of(canonical.getBytes(StandardCharsets.UTF_8)).hex() + "/";
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
