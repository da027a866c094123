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
 * time). A history that does not tell which entries made no layer (several of size 0, but not
 * all or none of them layers) is not rebuilt. Pure.
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
     */
    static Optional<Archive> of(JsonNode inspect, JsonNode history, ImageConfig config) {
        List<String> diffIds = new ArrayList<>();
        inspect.path("RootFS").path("Layers").forEach(l -> diffIds.add(l.asText()));
        Optional<ArrayNode> entries = history(inspect, history, diffIds.size());
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

    /** The history oldest first, with {@code empty_layer} where the sizes tell it; empty when they do not. */
    private static Optional<ArrayNode> history(JsonNode inspect, JsonNode history, int layers) {
        List<JsonNode> items = new ArrayList<>();
        history.forEach(items::add);
        java.util.Collections.reverse(items);
        if (items.isEmpty()) {
            return Optional.of(JSON.createArrayNode());
        }
        long sized = items.stream().filter(h -> h.path("Size").asLong() > 0).count();
        long unsized = items.size() - sized;
        long unsizedLayers = layers - sized;
        if (unsizedLayers != 0 && unsizedLayers != unsized) {
            return Optional.empty();
        }
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            ObjectNode entry = out.addObject();
            long seconds = item.path("Created").asLong();
            String created = inspect.path("Created").asText("");
            boolean own = i == items.size() - 1 && !created.isEmpty() && parseSeconds(created) == seconds;
            entry.put("created", own ? created : Instant.ofEpochSecond(seconds).toString());
            if (!item.path("CreatedBy").asText("").isEmpty()) {
                entry.put("created_by", item.get("CreatedBy").asText());
            }
            if (!item.path("Comment").asText("").isEmpty()) {
                entry.put("comment", item.get("Comment").asText());
            }
            if (item.path("Size").asLong() == 0 && unsizedLayers == 0) {
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
