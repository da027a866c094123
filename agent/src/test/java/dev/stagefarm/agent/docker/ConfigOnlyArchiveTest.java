package dev.stagefarm.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagefarm.agent.image.ImageConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class ConfigOnlyArchiveTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSPECT = """
            {"Id":"sha256:old","Created":"2026-01-02T03:04:05.123456789Z","Architecture":"amd64","Os":"linux",
             "DockerVersion":"20.10.24","Container":"c1","ContainerConfig":{"Cmd":["/bin/sh","-c","echo"]},
             "Config":{"Hostname":"","Env":["PATH=/bin","VERSION=1.2"],"Cmd":["sh"],"ArgsEscaped":true},
             "RootFS":{"Type":"layers","Layers":["sha256:aaa","sha256:bbb"]}}
            """;

    /** Two layers, one sized entry, two of size 0: one of them is a layer, the sizes do not tell which. */
    private static final String TWO_UNSIZED_ONE_LAYER = """
            [{"Created":3,"CreatedBy":"rm a","Size":0},
             {"Created":2,"CreatedBy":"#(nop) ENV","Size":0},
             {"Created":1,"CreatedBy":"base","Size":900}]
            """;

    @Test
    void rebuildsTheConfigFileOldestHistoryFirstWithTheWantedConfig() throws IOException {
        // Newest first, as the daemon answers; the middle entry has size 0 and there are two layers for two sized ones.
        JsonNode history = JSON.readTree("""
                [{"Created":1767323045,"CreatedBy":"/bin/sh -c echo","Size":12},
                 {"Created":1767323000,"CreatedBy":"/bin/sh -c #(nop) CMD [\\"sh\\"]","Size":0},
                 {"Created":1767322000,"CreatedBy":"Imported from -","Comment":"base","Size":900}]
                """);
        ImageConfig wanted = ImageConfig.empty().withEnv("PATH", "/bin").withCmd(List.of("sh"));

        ConfigOnlyArchive.Archive archive = ConfigOnlyArchive.of(JSON.readTree(INSPECT), history, List.of(), wanted).orElseThrow();

        Map<String, byte[]> files = files(archive.tar());
        String configName = archive.imageId().substring("sha256:".length()) + ".json";
        assertThat(files).containsOnlyKeys(configName, "manifest.json");
        assertThat(ConfigRewriter.sha256(files.get(configName))).isEqualTo(configName.replace(".json", ""));
        JsonNode image = JSON.readTree(files.get(configName));
        assertThat(image.path("config").path("Env")).hasSize(1);
        assertThat(image.path("config").path("ArgsEscaped").asBoolean()).as("fields the agent does not model stay").isTrue();
        assertThat(image.path("rootfs").path("diff_ids").toString()).isEqualTo("[\"sha256:aaa\",\"sha256:bbb\"]");
        JsonNode entries = image.path("history");
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).path("created_by").asText()).isEqualTo("Imported from -");
        assertThat(entries.get(0).path("comment").asText()).isEqualTo("base");
        assertThat(entries.get(1).path("empty_layer").asBoolean()).isTrue();
        assertThat(entries.get(2).has("empty_layer")).isFalse();
        assertThat(entries.get(2).path("created").asText()).as("the image's own time, exact")
                .isEqualTo("2026-01-02T03:04:05.123456789Z");
        assertThat(entries.get(0).path("created").asText()).isEqualTo("2026-01-02T02:46:40Z");
        JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
        assertThat(manifest.path("Config").asText()).isEqualTo(configName);
        assertThat(manifest.path("Layers")).hasSize(2);
    }

    @Test
    void historyThatDoesNotTellWhichEntriesMadeNoLayerIsNotRebuilt() throws IOException {
        JsonNode history = JSON.readTree(TWO_UNSIZED_ONE_LAYER);
        assertThat(ConfigOnlyArchive.of(JSON.readTree(INSPECT), history, List.of(), ImageConfig.empty())).isEmpty();
    }

    @Test
    void parentChainTellsWhichNewestEntriesMadeALayer() throws IOException {
        // The chain says the newest entry (size 0) made the second layer.
        JsonNode history = JSON.readTree(TWO_UNSIZED_ONE_LAYER);
        ConfigOnlyArchive.Archive archive = ConfigOnlyArchive.of(JSON.readTree(INSPECT), history, List.of(true),
                ImageConfig.empty()).orElseThrow();
        String configName = archive.imageId().substring("sha256:".length()) + ".json";
        JsonNode entries = JSON.readTree(files(archive.tar()).get(configName)).path("history");
        assertThat(entries.get(0).has("empty_layer")).isFalse();
        assertThat(entries.get(1).path("empty_layer").asBoolean()).isTrue();
        assertThat(entries.get(2).has("empty_layer")).isFalse();
    }

    private static Map<String, byte[]> files(byte[] tar) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
