package dev.stagefarm.agent.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.image.ImageConfigJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A {@code docker load} archive that holds only an image's config and manifest, for an image
 * whose layers the daemon already has: the daemon's load takes layers it knows from its layer
 * store and never opens their (absent) files, so giving an image a new config costs a few
 * kilobytes instead of a save and load of the whole image.
 *
 * <p>The config file is rebuilt from the image's inspect answer and its history (the Engine API
 * serves no raw config): everything but {@code config}, which is the wanted one, is as the daemon
 * reports it; history times keep whole seconds (the image's own, last entry keeps its exact
 * time). Which entries made no layer comes from the local parent chain where there is one (each
 * commit adds one entry), else from the sizes; a history that does not tell it (entries of size 0
 * of which some but not all are layers, below the chain) is not rebuilt. Pure.
 */
final class ConfigOnlyArchive {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The archive and the id the loaded image will have ({@code sha256:} of its config file). */
    record Archive(byte[] tar, String imageId) {
    }

    private ConfigOnlyArchive() {
    }

    /**
     * @param inspect the daemon's {@code GET /images/{id}/json} answer
     * @param history its {@code GET /images/{id}/history} answer (newest first)
     * @param newestMadeLayer whether each of the newest history entries made a layer, newest
     *     first, as far as it is known (may be empty)
     */
    static Optional<Archive> of(JsonNode inspect, JsonNode history, List<Boolean> newestMadeLayer, ImageConfig config) {
        List<String> diffIds = new ArrayList<>();
        inspect.path("RootFS").path("Layers").forEach(l -> diffIds.add(l.asText()));
        Optional<ArrayNode> entries = history(inspect, history, newestMadeLayer, diffIds.size());
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode image = JSON.createObjectNode();
        copyText(inspect, "Architecture", image, "architecture");
        copyText(inspect, "Variant", image, "variant");
        copyText(inspect, "Os", image, "os");
        copyText(inspect, "OsVersion", image, "os.version");
        copyText(inspect, "Author", image, "author");
        copyText(inspect, "Comment", image, "comment");
        copyText(inspect, "Created", image, "created");
        copyText(inspect, "DockerVersion", image, "docker_version");
        copyText(inspect, "Container", image, "container");
        if (inspect.path("ContainerConfig").isObject()) {
            image.set("container_config", inspect.get("ContainerConfig"));
        }
        ObjectNode runtime = inspect.path("Config").isObject() ? ((ObjectNode) inspect.get("Config")).deepCopy()
                : JSON.createObjectNode();
        image.set("config", ImageConfigJson.write(config, runtime));
        if (!entries.get().isEmpty()) {
            image.set("history", entries.get());
        }
        ObjectNode rootfs = image.putObject("rootfs");
        rootfs.put("type", inspect.path("RootFS").path("Type").asText("layers"));
        ArrayNode diffs = rootfs.putArray("diff_ids");
        diffIds.forEach(diffs::add);
        try {
            byte[] configFile = JSON.writeValueAsBytes(image);
            String hex = ConfigRewriter.sha256(configFile);
            ArrayNode manifest = JSON.createArrayNode();
            ObjectNode only = manifest.addObject();
            only.put("Config", hex + ".json");
            only.putNull("RepoTags");
            ArrayNode layers = only.putArray("Layers");
            for (int i = 0; i < diffIds.size(); i++) {
                // Never read: the daemon has every one of these layers.
                layers.add(i + "/layer.tar");
            }
            return Optional.of(new Archive(tar(hex + ".json", configFile, JSON.writeValueAsBytes(manifest)),
                    "sha256:" + hex));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The history oldest first. Whether an entry made a layer: known for the newest entries (from
     * the image's local parent chain); for the others, an entry of size above 0 did, and the
     * entries of size 0 did all or none, or the history is not rebuilt (empty).
     */
    private static Optional<ArrayNode> history(JsonNode inspect, JsonNode history, List<Boolean> newestMadeLayer,
            int layers) {
        List<JsonNode> items = new ArrayList<>();
        history.forEach(items::add);
        java.util.Collections.reverse(items);
        int known = Math.min(newestMadeLayer.size(), items.size());
        boolean[] layer = new boolean[items.size()];
        int knownLayers = 0;
        for (int k = 0; k < known; k++) {
            layer[items.size() - 1 - k] = newestMadeLayer.get(k);
            knownLayers += newestMadeLayer.get(k) ? 1 : 0;
        }
        int older = items.size() - known;
        long sized = items.subList(0, older).stream().filter(h -> h.path("Size").asLong() > 0).count();
        long unsizedLayers = layers - knownLayers - sized;
        if (unsizedLayers != 0 && unsizedLayers != older - sized) {
            return Optional.empty();
        }
        for (int i = 0; i < older; i++) {
            layer[i] = items.get(i).path("Size").asLong() > 0 || unsizedLayers != 0;
        }
        String created = inspect.path("Created").asText("");
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            ObjectNode entry = out.addObject();
            long seconds = item.path("Created").asLong();
            boolean own = i == items.size() - 1 && !created.isEmpty() && parseSeconds(created) == seconds;
            entry.put("created", own ? created : Instant.ofEpochSecond(seconds).toString());
            if (!item.path("CreatedBy").asText("").isEmpty()) {
                entry.put("created_by", item.get("CreatedBy").asText());
            }
            if (!item.path("Comment").asText("").isEmpty()) {
                entry.put("comment", item.get("Comment").asText());
            }
            if (!layer[i]) {
                entry.put("empty_layer", true);
            }
        }
        return Optional.of(out);
    }

    private static long parseSeconds(String created) {
        try {
            return Instant.parse(created).getEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }

    private static void copyText(JsonNode from, String field, ObjectNode to, String name) {
        String value = from.path(field).asText("");
        if (!value.isEmpty()) {
            to.put(name, value);
        }
    }

    private static byte[] tar(String configName, byte[] config, byte[] manifest) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            ConfigRewriter.writeFile(tar, configName, config);
            ConfigRewriter.writeFile(tar, "manifest.json", manifest);
        }
        return bytes.toByteArray();
    }

}
