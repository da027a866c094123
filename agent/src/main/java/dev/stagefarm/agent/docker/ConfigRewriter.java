package dev.stagefarm.agent.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.image.ImageConfigJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Rewrites the image config inside a {@code docker save} stream on the fly: the config JSON gets
 * the new {@code config} object and a new content-addressed name, {@code manifest.json} points
 * to it, layers pass through untouched (streamed, never buffered). The result loads as an image
 * whose id is the digest of the new config.
 */
final class ConfigRewriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigRewriter() {
    }

    /** Copies {@code saved} to {@code out} with {@code config}; returns the new image id ({@code sha256:...}). */
    static String rewrite(InputStream saved, OutputStream out, ImageConfig config) throws IOException {
        TarArchiveInputStream in = new TarArchiveInputStream(saved);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        String configName = null;
        byte[] manifest = null;
        TarArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            String name = entry.getName();
            if (name.equals("manifest.json")) {
                manifest = in.readAllBytes();
            } else if (name.equals("repositories")) {
                continue;
            } else if (!name.contains("/") && name.endsWith(".json")) {
                ObjectNode image = (ObjectNode) JSON.readTree(in.readAllBytes());
                JsonNode old = image.get("config");
                ImageConfigJson.write(config, old instanceof ObjectNode node ? node : image.putObject("config"));
                byte[] bytes = JSON.writeValueAsBytes(image);
                configName = sha256(bytes) + ".json";
                writeFile(tar, configName, bytes);
            } else {
                TarArchiveEntry copy = new TarArchiveEntry(name, entry.isSymbolicLink()
                        ? org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK : entry.isDirectory()
                        ? org.apache.commons.compress.archivers.tar.TarConstants.LF_DIR
                        : org.apache.commons.compress.archivers.tar.TarConstants.LF_NORMAL);
                copy.setLinkName(entry.getLinkName());
                copy.setMode(entry.getMode());
                copy.setSize(entry.isFile() ? entry.getSize() : 0);
                copy.setModTime(entry.getModTime());
                tar.putArchiveEntry(copy);
                if (entry.isFile()) {
                    in.transferTo(tar);
                }
                tar.closeArchiveEntry();
            }
        }
        if (configName == null || manifest == null) {
            throw new IOException("not a docker save archive of one image");
        }
        ArrayNode manifests = (ArrayNode) JSON.readTree(manifest);
        ObjectNode only = (ObjectNode) manifests.get(0);
        only.put("Config", configName);
        only.putNull("RepoTags");
        writeFile(tar, "manifest.json", JSON.writeValueAsBytes(manifests));
        tar.finish();
        tar.flush();
        return "sha256:" + configName.substring(0, configName.length() - ".json".length());
    }

    static void writeFile(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(0644);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
