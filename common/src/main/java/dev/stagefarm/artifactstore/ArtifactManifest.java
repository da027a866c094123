package dev.stagefarm.artifactstore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What a stored artifact is made of, written beside it last: the exported paths, the SHA-256 and
 * size of the whole tar, and, for a large artifact, its chunks in order (each an object of its
 * own with its size and digest; the tar is their concatenation). No chunks: the tar is the one
 * object under the artifact key. Serialized as JSON ({@code chunks} left out when there are none,
 * so a one-object manifest reads as it always did). Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ArtifactManifest(List<String> paths, String digest, long size, List<Chunk> chunks) {

    /** One chunk object of a large artifact. */
    public record Chunk(String key, long size, String digest) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public ArtifactManifest {
        paths = List.copyOf(paths);
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
    }

    /** A manifest of an artifact stored as one object. */
    public ArtifactManifest(List<String> paths, String digest, long size) {
        this(paths, digest, size, List.of());
    }

    /** True when the tar is stored as chunks rather than one object. */
    public boolean chunked() {
        return !chunks.isEmpty();
    }

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a manifest stored under {@code key}; one whose chunks do not add up to its size is
     * {@code ARTIFACT_CORRUPT} (a reader could not tell a whole artifact from a cut one).
     */
    static ArtifactManifest fromJson(byte[] json, String key) {
        ArtifactManifest manifest;
        try {
            manifest = JSON.readValue(json, ArtifactManifest.class);
        } catch (IOException e) {
            throw new StagefarmException(FailureCode.ARTIFACT_CORRUPT, key, 0, "unreadable manifest: " + e.getMessage(), e);
        }
        long sum = manifest.chunks.stream().mapToLong(Chunk::size).sum();
        if (manifest.chunked() && sum != manifest.size) {
            throw new StagefarmException(FailureCode.ARTIFACT_CORRUPT, key, 0,
                    "the chunks hold " + sum + " bytes, the manifest says " + manifest.size);
        }
        return manifest;
    }
}
