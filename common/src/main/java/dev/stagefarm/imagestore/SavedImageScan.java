package dev.stagefarm.imagestore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.digest.DigestingInputStream;
import dev.stagefarm.digest.DigestingOutputStream;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * One pass over a {@code docker save} stream (Docker's format: {@code <id>/layer.tar} per layer,
 * {@code <hex>.json} the config, {@code manifest.json} the order, entries in name order, so the
 * order of the layers is known only at the end). Each layer is hashed as it streams by, and:
 *
 * <ul>
 *   <li>when its size is that of a layer of the image already in the store (and it is not small),
 *       it is only hashed, never written anywhere: the shared base layers cost a read of the
 *       daemon's stream and nothing else. Should the digest then not be a stored one (two layers
 *       of equal size), the scan stops with {@link SizeCollision} and the caller scans again
 *       without that shortcut;</li>
 *   <li>else it is written to a scratch file while hashed (its digest is known only at its end,
 *       and only then whether the store has it), uploaded when the store does not have it, and the
 *       file removed.</li>
 * </ul>
 *
 * A repeated layer is a link to the first copy in Docker's stream. Not thread-safe.
 */
final class SavedImageScan {
    /** Below this, a layer is spooled even when a stored one has its size: small tars share sizes often. */
    static final long HASH_ONLY_FROM = 1 << 20;
    static final int MAX_JSON = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONFIG = Pattern.compile("[0-9a-f]{64}\\.json");
    private static final String LAYER_FILE = "/layer.tar";

    /** A layer of equal size to a stored one but another digest: scan again without the shortcut. */
    static final class SizeCollision extends IOException {
        SizeCollision(String entry) {
            super(entry + " has the size of a stored layer but not its digest");
        }
    }

    /** What one pass found: the config bytes, the manifest's layer paths, the blob of each layer file. */
    record Scanned(byte[] config, String configName, List<String> layerPaths, List<String> repoTags,
            Map<String, BlobRef> layerFiles, Map<String, String> links, long uploadedBytes) {
    }

    private final ImageBlobs blobs;
    private final Path scratch;
    private final Map<Digest, Long> stored;
    private final boolean hashOnlyWhenStored;
    private long uploadedBytes;

    /**
     * @param stored the image's layers the store had before the scan, with their sizes
     * @param hashOnlyWhenStored whether layers of a stored size are only hashed (see above)
     */
    SavedImageScan(ImageBlobs blobs, Path scratch, Map<Digest, Long> stored, boolean hashOnlyWhenStored) {
        this.blobs = blobs;
        this.scratch = scratch;
        this.stored = Map.copyOf(stored);
        this.hashOnlyWhenStored = hashOnlyWhenStored;
    }

    Scanned scan(InputStream saved) throws IOException {
        byte[] config = null;
        String configName = null;
        JsonNode manifest = null;
        Map<String, BlobRef> layerFiles = new HashMap<>();
        Map<String, String> links = new HashMap<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(saved);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            String name = entry.getName();
            if (name.equals("manifest.json")) {
                manifest = JSON.readTree(readSmall(tar, name));
            } else if (CONFIG.matcher(name).matches()) {
                config = readSmall(tar, name);
                configName = name;
            } else if (name.endsWith(LAYER_FILE) && entry.isSymbolicLink()) {
                links.put(name, resolve(name, entry.getLinkName()));
            } else if (name.endsWith(LAYER_FILE) && entry.isLink()) {
                links.put(name, entry.getLinkName());
            } else if (name.endsWith(LAYER_FILE) && entry.isFile()) {
                layerFiles.put(name, layer(tar, name, entry.getSize()));
            }
        }
        if (manifest == null || !manifest.isArray() || manifest.size() != 1 || config == null) {
            throw notASave("no manifest.json of exactly one image, or no config");
        }
        JsonNode image = manifest.get(0);
        if (!configName.equals(image.path("Config").asText())) {
            throw notASave("the manifest names config " + image.path("Config").asText() + ", the archive holds "
                    + configName);
        }
        List<String> layerPaths = new ArrayList<>();
        image.path("Layers").forEach(l -> layerPaths.add(l.asText()));
        List<String> tags = new ArrayList<>();
        image.path("RepoTags").forEach(t -> tags.add(t.asText()));
        return new Scanned(config, configName, layerPaths, tags, layerFiles, links, uploadedBytes);
    }

    private BlobRef layer(InputStream tar, String name, long size) throws IOException {
        if (hashOnlyWhenStored && size >= HASH_ONLY_FROM && stored.containsValue(size)) {
            DigestingInputStream hashed = new DigestingInputStream(tar);
            hashed.transferTo(OutputStream.nullOutputStream());
            BlobRef blob = complete(name, hashed.count(), hashed.digest(), size);
            if (!stored.containsKey(blob.digest())) {
                throw new SizeCollision(name);
            }
            return blob;
        }
        Path file = Files.createTempFile(scratch, "layer-", ".tar");
        try {
            DigestingOutputStream hashed;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                hashed = new DigestingOutputStream(out);
                tar.transferTo(hashed);
                hashed.flush();
            }
            BlobRef blob = complete(name, hashed.count(), hashed.digest(), size);
            if (!stored.containsKey(blob.digest()) && blobs.putFileIfAbsent(blob, file)) {
                uploadedBytes += blob.size();
            }
            return blob;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static BlobRef complete(String name, long count, Digest digest, long size) {
        if (count != size) {
            throw new StagefarmException(FailureCode.DOCKER_DAEMON, name, 0,
                    "the daemon's save stream ended after " + count + " of " + size + " bytes of " + name);
        }
        return new BlobRef(digest, size);
    }

    /** A link target relative to the link's folder (Docker writes {@code ../<id>/layer.tar}). */
    private static String resolve(String link, String target) {
        if (target.startsWith("/")) {
            return target.substring(1);
        }
        List<String> parts = new ArrayList<>(List.of(link.split("/")));
        parts.remove(parts.size() - 1);
        for (String part : target.split("/")) {
            if (part.equals("..") && !parts.isEmpty()) {
                parts.remove(parts.size() - 1);
            } else if (!part.equals(".") && !part.isEmpty()) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    private static byte[] readSmall(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes(MAX_JSON + 1);
        if (bytes.length > MAX_JSON) {
            throw notASave(name + " is larger than " + MAX_JSON + " bytes");
        }
        return bytes;
    }

    static StagefarmException notASave(String why) {
        return new StagefarmException(FailureCode.DOCKER_DAEMON, "docker save", 0,
                "not a docker save archive of one image: " + why);
    }
}
