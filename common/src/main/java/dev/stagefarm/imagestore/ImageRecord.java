package dev.stagefarm.imagestore;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * What the store keeps of one image besides its blobs: the config blob (its digest is the image
 * id), the layer blobs bottom first (a digest is the layer's diffID, so the list equals the
 * config's {@code rootfs.diff_ids}; a layer may appear twice), and the tags the image had when it
 * was saved. Serialized as JSON under the stage's image key. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageRecord(int schemaVersion, BlobRef config, List<BlobRef> layers, List<String> repoTags) {
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public ImageRecord {
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
        repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    }

    public ImageRecord(BlobRef config, List<BlobRef> layers, List<String> repoTags) {
        this(SCHEMA_VERSION, config, layers, repoTags);
    }

    /** The image id, {@code sha256:} of the config bytes. */
    public Digest imageId() {
        return config.digest();
    }

    /** The layers' total size, each counted as often as the image lists it. */
    public long layerBytes() {
        return layers.stream().mapToLong(BlobRef::size).sum();
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a stored record; {@code key} names it in the failure when it is not one. */
    public static ImageRecord parse(byte[] json, String key) {
        ImageRecord record;
        try {
            record = JSON.readValue(json, ImageRecord.class);
        } catch (IOException | RuntimeException e) {
            throw new StagefarmException(FailureCode.ARTIFACT_CORRUPT, key, 0,
                    "not an image record: " + e.getMessage(), e);
        }
        if (record.schemaVersion != SCHEMA_VERSION) {
            throw new StagefarmException(FailureCode.ARTIFACT_CORRUPT, key, 0,
                    "image record schema " + record.schemaVersion + ", this farm reads " + SCHEMA_VERSION);
        }
        return record;
    }
}
