package dev.stagefarm.context;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a context holds, path by path in the context's deterministic order, with the content
 * digest of every file: the input of the stage cache keys (a stage's key covers the digests of
 * the files its COPY and ADD select). {@code hiddenFromBuild} lists the build files (Dockerfile,
 * {@code .dockerignore}) that the context carries only for the builder because the ignore rules
 * exclude them: COPY and ADD must not see them. Immutable; serialisable as JSON.
 */
public record ContextManifest(List<ManifestEntry> entries, List<String> hiddenFromBuild) {
    public ContextManifest {
        entries = List.copyOf(entries);
        hiddenFromBuild = List.copyOf(hiddenFromBuild);
    }

    /** The entry for a clean relative path. */
    public Optional<ManifestEntry> entry(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst();
    }

    /** Entries by path, in order. */
    public Map<String, ManifestEntry> byPath() {
        return entries.stream().collect(Collectors.toMap(ManifestEntry::path, Function.identity(),
                (a, b) -> b, java.util.LinkedHashMap::new));
    }

    /** The entries COPY and ADD can see (all but {@link #hiddenFromBuild}). */
    public List<ManifestEntry> visibleEntries() {
        return entries.stream().filter(e -> !hiddenFromBuild.contains(e.path())).toList();
    }
}
