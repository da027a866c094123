package dev.stagefarm.plan.cache;

import dev.stagefarm.context.ContextManifest;
import dev.stagefarm.context.EntryType;
import dev.stagefarm.context.ManifestEntry;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The build context as the cache key sees it: every file's path (relative to the context root,
 * {@code /}-separated, no leading slash) → its sha256 in hex, already filtered by
 * {@code .dockerignore}. Immutable.
 */
public final class ContextDigests {
    private final NavigableMap<String, String> digests;

    private ContextDigests(NavigableMap<String, String> digests) {
        this.digests = digests;
    }

    /** A manifest over a copy of {@code digests}; leading {@code ./} or {@code /} are dropped. */
    public static ContextDigests of(Map<String, String> digests) {
        TreeMap<String, String> sorted = new TreeMap<>();
        digests.forEach((path, digest) -> sorted.put(ContextPattern.relative(path), digest));
        return new ContextDigests(Collections.unmodifiableNavigableMap(sorted));
    }

    /**
     * The files of a packed context's manifest that COPY and ADD can see (the build files that
     * {@code .dockerignore} hides are left out); a symlink counts with the digest of its target
     * text, as the link itself is what COPY copies.
     */
    public static ContextDigests of(ContextManifest manifest) {
        Map<String, String> digests = new TreeMap<>();
        for (ManifestEntry entry : manifest.visibleEntries()) {
            if (entry.type() == EntryType.FILE && entry.digest() != null) {
                digests.put(entry.path(), entry.digest().hex());
            } else if (entry.type() == EntryType.SYMLINK && entry.linkTarget() != null) {
                digests.put(entry.path(), "symlink:" + entry.linkTarget());
            }
        }
        return of(digests);
    }

    public static ContextDigests empty() {
        return of(Map.of());
    }

    /** Path → digest, sorted by path. */
    public NavigableMap<String, String> digests() {
        return digests;
    }
}
