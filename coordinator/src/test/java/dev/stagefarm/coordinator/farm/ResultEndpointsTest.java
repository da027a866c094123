package dev.stagefarm.coordinator.farm;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagefarm.archive.TarFiles;
import dev.stagefarm.coordinator.farm.TestAgent.Reply;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.imagestore.ImageUpload;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.protocol.ObjectKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The result endpoints on an image stored as layer blobs and a record: {@code image} serves a
 * {@code docker load} archive with the build's tags and labels, {@code filesystem} the flattened
 * files. Slow (Quarkus with real Kafka, PostgreSQL and S3, a test agent on the real topics).
 */
@QuarkusTest
@QuarkusTestResource(value = FarmServices.class, restrictToAnnotatedClass = false)
class ResultEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ObjectStore store;

    private TestAgent agent;

    @BeforeEach
    void startAgent() {
        agent = new TestAgent("result-agent", FarmServices.bootstrap, job -> Reply.SUCCEED_WITH_IMAGES);
    }

    @AfterEach
    void stopAgent() throws InterruptedException {
        agent.close();
    }

    @Test
    void imageEndpointServesTheStoredLayersWithTheBuildsTagsAndLabels() throws Exception {
        byte[] base = layer(Map.of("etc/base.conf", "base\n", "app/old.txt", "old\n"));
        byte[] top = layer(Map.of("app/new.txt", "new\n"));
        String id = build("image", List.of("app:1.0"), Map.of("org.example.team", "farm"));
        storeImage(id, List.of(base, top));

        Map<String, byte[]> archive = TarFiles.read(given().get("/api/v1/builds/" + id + "/image").then().statusCode(200)
                .extract().asByteArray());

        JsonNode manifest = JSON.readTree(archive.get("manifest.json")).get(0);
        assertThat(manifest.path("RepoTags").get(0).asText()).isEqualTo("app:1.0");
        byte[] config = archive.get(manifest.path("Config").asText());
        assertThat(manifest.path("Config").asText()).isEqualTo(Digest.of(config).hex() + ".json");
        assertThat(JSON.readTree(config).path("config").path("Labels").path("org.example.team").asText())
                .isEqualTo("farm");
        assertThat(archive.get(manifest.path("Layers").get(0).asText())).isEqualTo(base);
        assertThat(archive.get(manifest.path("Layers").get(1).asText())).isEqualTo(top);
    }

    @Test
    void filesystemEndpointServesTheTopmostFilesWithWhiteoutsApplied() throws Exception {
        byte[] base = layer(Map.of("etc/base.conf", "base\n", "app/old.txt", "old\n", "app/same.txt", "v1\n"));
        byte[] top = layer(Map.of("app/.wh.old.txt", "", "app/same.txt", "v2\n"));
        String id = build("filesystem", List.of(), Map.of());
        storeImage(id, List.of(base, top));

        Map<String, byte[]> files = TarFiles.read(given().get("/api/v1/builds/" + id + "/filesystem").then()
                .statusCode(200).extract().asByteArray());

        assertThat(files.keySet()).containsExactlyInAnyOrder("etc/base.conf", "app/same.txt");
        assertThat(new String(files.get("app/same.txt"), StandardCharsets.UTF_8)).isEqualTo("v2\n");
    }

    @Test
    void missingImageRecordIsAnErrorResponseNamingTheKey() throws Exception {
        String id = build("missing", List.of(), Map.of());

        given().get("/api/v1/builds/" + id + "/filesystem").then().statusCode(503)
                .body("code", org.hamcrest.Matchers.equalTo("OBJECT_STORE"))
                .body("subject", org.hamcrest.Matchers.endsWith(".json"));
    }

    /** A succeeded one-stage build; its target's image is not stored yet. */
    private static String build(String name, List<String> tags, Map<String, String> labels) throws Exception {
        String dockerfile = "FROM busybox\nRUN echo " + name + System.nanoTime() + "\n";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contextDigest", Contexts.upload(dockerfile, "result-" + name));
        body.put("tags", tags);
        body.put("labels", labels);
        String id = given().contentType(io.restassured.http.ContentType.JSON).body(body).post("/api/v1/builds")
                .then().statusCode(201).extract().path("id");
        CoordinatorFlowTest.awaitState(id, "SUCCEEDED");
        return id;
    }

    /** Stores an image with {@code layers} as the build's target image, the way an agent does. */
    private void storeImage(String id, List<byte[]> layers) throws IOException {
        JsonPath build = given().get("/api/v1/builds/" + id).then().statusCode(200).extract().jsonPath();
        String key = build.getString("stages[0].cacheKey");
        byte[] saved = save(layers, "stagefarm-stage:" + key);
        Path scratch = Files.createTempDirectory("result-test");
        try {
            new ImageUpload(store, scratch).store(() -> new ByteArrayInputStream(saved), List.of(),
                    ObjectKeys.image(key));
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private static byte[] layer(Map<String, String> files) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        files.forEach((name, content) -> entries.put(name, content.getBytes(StandardCharsets.UTF_8)));
        return TarFiles.write(entries);
    }

    /** A {@code docker save} archive of one image with these layers. */
    private static byte[] save(List<byte[]> layers, String tag) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        List<String> diffIds = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            diffIds.add(Digest.of(layers.get(i)).toString());
            String path = Digest.of(("v1-" + i).getBytes(StandardCharsets.UTF_8)).hex() + "/layer.tar";
            entries.put(path, layers.get(i));
            paths.add(path);
        }
        byte[] config = JSON.writeValueAsBytes(Map.of("architecture", "amd64", "os", "linux",
                "config", Map.of("Cmd", List.of("sh")), "rootfs", Map.of("type", "layers", "diff_ids", diffIds)));
        String configName = Digest.of(config).hex() + ".json";
        entries.put(configName, config);
        entries.put("manifest.json", JSON.writeValueAsBytes(List.of(Map.of("Config", configName,
                "RepoTags", List.of(tag), "Layers", paths))));
        return TarFiles.write(entries);
    }
}
