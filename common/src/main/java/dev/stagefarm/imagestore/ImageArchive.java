package dev.stagefarm.imagestore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagefarm.archive.TarHeader;
import dev.stagefarm.archive.TarWriter;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts a stored image back together as a {@code docker load} archive, streamed: the config
 * ({@code <image-id-hex>.json}), each distinct layer blob once ({@code <diffID-hex>/layer.tar}),
 * then {@code manifest.json} naming them in order with the wanted tags. Every blob is verified
 * against its digest while it streams; a missing or altered one fails with
 * {@code ARTIFACT_CORRUPT} naming its key, and the archive is then cut short (never a whole-looking
 * archive with wrong content). Nothing but the config and the manifest is held in memory.
 */
public final class ImageArchive {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final ImageBlobs blobs;

    public ImageArchive(ObjectStore store) {
        this.store = store;
        this.blobs = new ImageBlobs(store);
    }

    /** The image record under {@code key}; a missing one fails with {@code OBJECT_STORE} naming the key. */
    public ImageRecord record(String key) throws IOException {
        try (InputStream in = store.get(key).orElseThrow(() -> new StagefarmException(FailureCode.OBJECT_STORE, key, 0,
                "the image record " + key + " is not stored"))) {
            return ImageRecord.parse(in.readNBytes(SavedImageScan.MAX_JSON), key);
        }
    }

    /** The image's config bytes, verified against the image id. */
    public byte[] config(ImageRecord record) throws IOException {
        return blobs.readSmall(record.config(), SavedImageScan.MAX_JSON);
    }

    /** Opens one layer tar of the image, verified while it is read. */
    public InputStream openLayer(BlobRef layer) throws IOException {
        return blobs.open(layer);
    }

    /**
     * Opens the archive of the image whose record is at {@code key}, as stored, with the tags it was
     * saved with. The record and config are read (and a missing record fails) before this returns.
     */
    public ArchiveStream open(String key) throws IOException {
        ImageRecord record = record(key);
        byte[] config = config(record);
        return new ArchiveStream(key, out -> {
            java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 16);
            write(record, config, record.repoTags(), buffered);
            buffered.flush();
        });
    }

    /** Writes the archive of the image as stored, with the tags it was saved with. */
    public void write(ImageRecord record, OutputStream out) throws IOException {
        write(record, config(record), record.repoTags(), out);
    }

    /**
     * Writes the archive with {@code config} in place of the stored config (the same layers, so
     * the same {@code rootfs}; the image id becomes {@code sha256:} of these bytes) and tagged
     * {@code repoTags} (full references, {@code name:tag}). The caller buffers {@code out}.
     */
    public void write(ImageRecord record, byte[] config, List<String> repoTags, OutputStream out) throws IOException {
        TarWriter tar = new TarWriter(out);
        String configName = Digest.of(config).hex() + ".json";
        tar.write(TarHeader.file(configName, 0644, config.length), new ByteArrayInputStream(config));
        Set<Digest> written = new LinkedHashSet<>();
        for (BlobRef layer : record.layers()) {
            if (written.add(layer.digest())) {
                tar.write(TarHeader.directory(layer.digest().hex(), 0755));
                try (InputStream in = blobs.open(layer)) {
                    tar.write(TarHeader.file(layerPath(layer), 0644, layer.size()), in);
                    // Reads the end of the blob, where its digest is checked.
                    if (in.read() >= 0) {
                        throw new StagefarmException(FailureCode.ARTIFACT_CORRUPT, layerPath(layer), 0,
                                "the layer blob is longer than its record says");
                    }
                }
            }
        }
        byte[] manifest = manifest(configName, record, repoTags);
        tar.write(TarHeader.file("manifest.json", 0644, manifest.length), new ByteArrayInputStream(manifest));
        tar.finish();
    }

    private static String layerPath(BlobRef layer) {
        return layer.digest().hex() + "/layer.tar";
    }

    private static byte[] manifest(String configName, ImageRecord record, List<String> repoTags) throws IOException {
        ArrayNode manifest = JSON.createArrayNode();
        ObjectNode image = manifest.addObject();
        image.put("Config", configName);
        ArrayNode tags = image.putArray("RepoTags");
        repoTags.forEach(tags::add);
        ArrayNode layers = image.putArray("Layers");
        record.layers().forEach(layer -> layers.add(layerPath(layer)));
        return JSON.writeValueAsBytes(manifest);
    }
}
