package dev.stagefarm.plan.cache;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The build context as the cache key sees it: every file's path (relative to the context root,
 * {@code /}-separated, no leading slash) → its sha256 in hex, already filtered by
 * {@code .dockerignore}. Immutable.
 */
public final class ContextManifest {
    private final NavigableMap<String, String> digests;

    private ContextManifest(NavigableMap<String, String> digests) {
        this.digests = digests;
    }

    /** A manifest over a copy of {@code digests}; leading {@code ./} or {@code /} are dropped. */
    public static ContextManifest of(Map<String, String> digests) {
        TreeMap<String, String> sorted = new TreeMap<>();
        digests.forEach((path, digest) -> sorted.put(ContextPattern.relative(path), digest));
        return new ContextManifest(Collections.unmodifiableNavigableMap(sorted));
    }

    public static ContextManifest empty() {
        return of(Map.of());
    }

    /** Path → digest, sorted by path. */
    public NavigableMap<String, String> digests() {
        return digests;
    }
}
