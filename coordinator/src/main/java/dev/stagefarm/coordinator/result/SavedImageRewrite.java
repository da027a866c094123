package dev.stagefarm.coordinator.result;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagefarm.digest.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Turns a stage's {@code docker save} stream into the build's result image in one streamed
 * pass: the build's {@code --label}s join the image config (which gives the config, and so the
 * image, a new id) and {@code manifest.json} names the image by the build's tags, so that
 * {@code docker load} creates them. Layers are copied through untouched.
 *
 * <p>{@code docker save} writes its entries in name order: the config ({@code <hex>.json}) comes
 * before {@code manifest.json}, so the new config name is known when the manifest is rewritten.
 * The legacy {@code repositories} file is dropped: {@code docker load} reads the manifest.
 */
public final class SavedImageRewrite {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_JSON = 4 * 1024 * 1024;

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

    /** Copies {@code saved} to {@code out} rewritten; returns the result's image id ({@code sha256:…}). */
    public Digest rewrite(InputStream saved, OutputStream out) throws IOException {
        String oldConfig = null;
        String newConfig = null;
        TarArchiveInputStream in = new TarArchiveInputStream(saved);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        TarArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            String name = entry.getName();
            if (name.equals("repositories")) {
                continue;
            }
            if (isConfig(name)) {
                byte[] config = rewriteConfig(readSmall(in, name));
                oldConfig = name;
                newConfig = sha256(config) + ".json";
                write(tar, entry, newConfig, config);
            } else if (name.equals("manifest.json")) {
                write(tar, entry, name, rewriteManifest(readSmall(in, name), oldConfig, newConfig));
            } else {
                tar.putArchiveEntry(entry);
                in.transferTo(tar);
                tar.closeArchiveEntry();
            }
        }
        tar.finish();
        tar.flush();
        if (newConfig == null) {
            throw new IOException("the saved image has no config");
        }
        return Digest.parse("sha256:" + newConfig.substring(0, newConfig.length() - ".json".length()));
    }

    private static boolean isConfig(String name) {
        return name.matches("[0-9a-f]{64}\\.json");
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

    private byte[] rewriteManifest(byte[] raw, String oldConfig, String newConfig) throws IOException {
        ArrayNode manifest = (ArrayNode) JSON.readTree(raw);
        for (var node : manifest) {
            ObjectNode image = (ObjectNode) node;
            if (oldConfig != null && oldConfig.equals(image.path("Config").asText())) {
                image.put("Config", newConfig);
            }
            ArrayNode tags = image.putArray("RepoTags");
            references.forEach(tags::add);
        }
        return JSON.writeValueAsBytes(manifest);
    }

    private static byte[] readSmall(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes(MAX_JSON + 1);
        if (bytes.length > MAX_JSON) {
            throw new IOException(name + " in the saved image is larger than " + MAX_JSON + " bytes");
        }
        return bytes;
    }

    private static void write(TarArchiveOutputStream tar, TarArchiveEntry like, String name, byte[] bytes)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setModTime(like.getModTime());
        entry.setMode(like.getMode());
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        new ByteArrayInputStream(bytes).transferTo(tar);
        tar.closeArchiveEntry();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
