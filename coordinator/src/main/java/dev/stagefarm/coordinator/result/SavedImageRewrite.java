package dev.stagefarm.coordinator.result;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.imagestore.ImageArchive;
import dev.stagefarm.imagestore.ImageRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Turns a stage's stored image into the build's result image, streamed: the build's
 * {@code --label}s join the image config (which gives the config, and so the image, a new id) and
 * the archive's {@code manifest.json} names the image by the build's tags, so that
 * {@code docker load} creates them. Layers are streamed from their blobs untouched.
 */
public final class SavedImageRewrite {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> references;
    private final Map<String, String> labels;

    /** @param references full image references ({@code name:tag}) */
    public SavedImageRewrite(List<String> references, Map<String, String> labels) {
        this.references = List.copyOf(references);
        this.labels = Map.copyOf(labels);
    }

    /** Docker's reference for a {@code -t} value: a name without a tag gets {@code latest}. */
    public static String reference(String tag) {
        int slash = tag.lastIndexOf('/');
        return tag.indexOf(':', slash + 1) < 0 && !tag.contains("@") ? tag + ":latest" : tag;
    }

    /** Writes the result image's {@code docker load} archive to {@code out}; returns its image id. */
    public Digest write(ImageArchive archive, ImageRecord record, OutputStream out) throws IOException {
        byte[] config = labels.isEmpty() ? archive.config(record) : rewriteConfig(archive.config(record));
        archive.write(record, config, references, out);
        return Digest.of(config);
    }

    private byte[] rewriteConfig(byte[] raw) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(raw);
        if (!labels.isEmpty()) {
            ObjectNode runtime = config.has("config") && config.get("config").isObject()
                    ? (ObjectNode) config.get("config") : config.putObject("config");
            ObjectNode current = runtime.has("Labels") && runtime.get("Labels").isObject()
                    ? (ObjectNode) runtime.get("Labels") : runtime.putObject("Labels");
            labels.forEach(current::put);
        }
        return JSON.writeValueAsBytes(config);
    }
}
