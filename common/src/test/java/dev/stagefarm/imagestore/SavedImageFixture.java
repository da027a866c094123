package dev.stagefarm.imagestore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagefarm.digest.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code docker save} archives as Docker 20.10 writes them (entries in name order, a folder per
 * layer named by a v1 id unrelated to the layer's digest, a repeated layer as a symbolic link to its
 * first copy), built in memory from small layer tars.
 */
final class SavedImageFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SavedImageFixture() {
    }

    /** A layer tar holding one file {@code name} of {@code size} bytes drawn from {@code seed}. */
    static byte[] layer(String name, int size, long seed) throws IOException {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(size);
            entry.setModTime(0);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    /** The config of an image with these layers (its diff_ids are their digests). */
    static byte[] config(List<byte[]> layers, String marker) throws IOException {
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.putObject("config").putArray("Cmd").add(marker);
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        layers.forEach(layer -> diffIds.add(Digest.of(layer).toString()));
        return JSON.writeValueAsBytes(config);
    }

    /** The save archive of an image with {@code layers} (bottom first) and {@code config}, tagged {@code tag}. */
    static byte[] save(List<byte[]> layers, byte[] config, String tag) throws IOException {
        TreeMap<String, Object> entries = new TreeMap<>();
        String configName = Digest.of(config).hex() + ".json";
        entries.put(configName, config);
        List<String> paths = new ArrayList<>();
        TreeMap<Digest, String> firstPath = new TreeMap<>();
        for (int i = 0; i < layers.size(); i++) {
            // A v1 id: derived from the position, not from the content (as Docker's are).
            String dir = Digest.of(("v1-" + tag + "-" + i).getBytes(StandardCharsets.UTF_8)).hex();
            String path = dir + "/layer.tar";
            Digest digest = Digest.of(layers.get(i));
            String first = firstPath.putIfAbsent(digest, path);
            entries.put(dir + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
            entries.put(path, first == null ? layers.get(i) : "../" + first);
            paths.add(path);
        }
        ArrayNode manifest = JSON.createArrayNode();
        ObjectNode image = manifest.addObject();
        image.put("Config", configName);
        image.putArray("RepoTags").add(tag);
        ArrayNode layerList = image.putArray("Layers");
        paths.forEach(layerList::add);
        entries.put("manifest.json", JSON.writeValueAsBytes(manifest));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                if (e.getValue() instanceof String link) {
                    TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(link);
                    tar.putArchiveEntry(entry);
                } else {
                    byte[] content = (byte[]) e.getValue();
                    TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                    entry.setSize(content.length);
                    tar.putArchiveEntry(entry);
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
