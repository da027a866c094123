package dev.stagefarm.imagestore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores an image from its {@code docker save} stream: the layers the store lacks as blobs, the
 * config as a blob, then the {@link ImageRecord} under the given key, last, so that its presence
 * means every blob it names is stored. Before the stream is read, the store is asked which of the
 * image's layers it has (a HEAD per layer); those cost only a hash of the stream (see
 * {@link SavedImageScan}). Each layer's digest is checked against the config's
 * {@code rootfs.diff_ids} before the record is written.
 */
public final class ImageUpload {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Opens a fresh {@code docker save} stream of the image (at most twice per upload). */
    @FunctionalInterface
    public interface SaveStream {
        InputStream open() throws IOException;
    }

    /**
     * The stored image.
     *
     * @param recordSize the size of the record object
     * @param recordDigest the digest of the record object
     * @param uploadedBytes the layer bytes this upload sent (the rest was in the store)
     */
    public record Stored(ImageRecord record, long recordSize, Digest recordDigest, long uploadedBytes) {
    }

    private final ObjectStore store;
    private final ImageBlobs blobs;
    private final Path scratch;

    /** @param scratch a folder for the layers that must be spooled (each removed once stored) */
    public ImageUpload(ObjectStore store, Path scratch) {
        this.store = store;
        this.blobs = new ImageBlobs(store);
        this.scratch = scratch;
    }

    /**
     * @param diffIds the image's layers as the daemon reports them (its {@code RootFS.Layers}), to
     *     ask the store about before the stream is read; may be empty (then every layer is spooled)
     */
    public Stored store(SaveStream save, List<Digest> diffIds, String recordKey) throws IOException {
        Map<Digest, Long> stored = new HashMap<>();
        for (Digest diffId : new LinkedHashSet<>(diffIds)) {
            blobs.storedSize(diffId).ifPresent(size -> stored.put(diffId, size));
        }
        SavedImageScan.Scanned scanned;
        try (InputStream in = save.open()) {
            scanned = new SavedImageScan(blobs, scratch, stored, true).scan(in);
        } catch (SavedImageScan.SizeCollision e) {
            try (InputStream in = save.open()) {
                scanned = new SavedImageScan(blobs, scratch, stored, false).scan(in);
            }
        }
        ImageRecord record = new ImageRecord(new BlobRef(Digest.of(scanned.config()), scanned.config().length),
                layers(scanned), scanned.repoTags());
        blobs.putBytesIfAbsent(scanned.config());
        byte[] json = record.toJson();
        store.put(recordKey, new ByteArrayInputStream(json), json.length);
        return new Stored(record, json.length, Digest.of(json), scanned.uploadedBytes());
    }

    /** The layers in the manifest's order, each checked against the config's diff_ids. */
    private static List<BlobRef> layers(SavedImageScan.Scanned scanned) throws IOException {
        JsonNode config = JSON.readTree(scanned.config());
        List<Digest> diffIds = new ArrayList<>();
        config.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(Digest.parse(d.asText())));
        if (diffIds.size() != scanned.layerPaths().size()) {
            throw SavedImageScan.notASave("the config lists " + diffIds.size() + " layers, the manifest "
                    + scanned.layerPaths().size());
        }
        List<BlobRef> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            String path = scanned.layerPaths().get(i);
            BlobRef blob = layerFile(scanned, path).orElseThrow(() -> SavedImageScan.notASave(
                    "the manifest names " + path + ", which the archive does not hold"));
            if (!blob.digest().equals(diffIds.get(i))) {
                throw new StagefarmException(FailureCode.ARTIFACT_CORRUPT, path, 0, "layer " + i + " of the saved image has digest "
                        + blob.digest() + ", its config says " + diffIds.get(i));
            }
            layers.add(blob);
        }
        return layers;
    }

    private static Optional<BlobRef> layerFile(SavedImageScan.Scanned scanned, String path) {
        String file = path;
        for (int hops = 0; hops < 8 && scanned.links().containsKey(file); hops++) {
            file = scanned.links().get(file);
        }
        return Optional.ofNullable(scanned.layerFiles().get(file));
    }
}
