package dev.stagefarm.coordinator.farm;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.stagefarm.coordinator.farm.TestAgent.Reply;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.ObjectKeys;
import dev.stagefarm.protocol.StageJob;
import dev.stagefarm.protocol.StageOutput;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the build view says about stage lengths and the build's image, and how a pushing build is
 * dispatched; slow (Quarkus with real Kafka, PostgreSQL and S3, a test agent on the real topics).
 */
@QuarkusTest
@QuarkusTestResource(value = FarmServices.class, restrictToAnnotatedClass = false)
class BuildImageViewTest {
    private static final String REGISTRY_TAG = "127.0.0.1:5000/team/app:1";

    @Inject
    ObjectStore store;

    private TestAgent agent;

    @BeforeEach
    void startAgent() {
        agent = new TestAgent("image-agent", FarmServices.bootstrap, job -> Reply.SUCCEED_WITH_IMAGES);
    }

    @AfterEach
    void stopAgent() throws InterruptedException {
        agent.close();
    }

    @Test
    void everyStageShowsItsFromAndInstructionsAsSteps() throws Exception {
        String id = CoordinatorFlowTest.createBuild(Contexts.upload(CoordinatorFlowTest.DIAMOND, "steps"), null);
        JsonPath build = CoordinatorFlowTest.awaitState(id, "SUCCEEDED");

        assertThat(build.getList("stages.steps", Integer.class)).containsExactly(2, 2, 2, 3);
    }

    @Test
    void storedTargetShowsItsImageIdAndTags() throws Exception {
        String dockerfile = "FROM busybox AS base\nRUN echo " + System.nanoTime() + "\nFROM base AS app\nRUN true\n";
        String id = create(Contexts.upload(dockerfile, "image-1"), List.of("app:1.0", "app:latest"), List.of());
        JsonPath build = CoordinatorFlowTest.awaitState(id, "SUCCEEDED");
        String targetKey = build.getString("stages.find { it.index == 1 }.cacheKey");

        assertThat(build.getString("image.digest")).isEqualTo(TestAgent.imageId(targetKey));
        assertThat(build.getList("image.references", String.class)).containsExactly("app:1.0", "app:latest");

        // A later build finds the image stored: its CACHED target shows the id the first one reported.
        put(ObjectKeys.image(targetKey));
        String again = create(Contexts.upload(dockerfile, "image-2"), List.of("app:2.0"), List.of());
        JsonPath cached = CoordinatorFlowTest.awaitState(again, "SUCCEEDED");
        assertThat(cached.getString("stages.find { it.index == 1 }.state")).isEqualTo("CACHED");
        assertThat(cached.getString("image.digest")).isEqualTo(TestAgent.imageId(targetKey));
        assertThat(cached.getList("image.references", String.class)).containsExactly("app:2.0");
    }

    @Test
    void pushingBuildRunsItsTargetEvenWhenStoredAndShowsTheManifestDigest() throws Exception {
        String dockerfile = "FROM busybox\nRUN echo " + System.nanoTime() + "\n";
        String first = create(Contexts.upload(dockerfile, "push-1"), List.of(), List.of());
        String key = CoordinatorFlowTest.awaitState(first, "SUCCEEDED").getString("stages[0].cacheKey");
        put(ObjectKeys.image(key));

        String id = create(Contexts.upload(dockerfile, "push-2"), List.of(REGISTRY_TAG), List.of("type=image,push=true"));
        JsonPath build = CoordinatorFlowTest.awaitState(id, "SUCCEEDED");

        assertThat(build.getString("stages[0].state")).isEqualTo("SUCCEEDED");
        StageJob job = agent.received().stream().filter(r -> r.job().buildId().equals(id)).findFirst()
                .orElseThrow().job();
        assertThat(job.outputs()).filteredOn(o -> o.kind() == ArtifactKind.IMAGE).extracting(StageOutput::push)
                .containsExactly(List.of(REGISTRY_TAG));
        assertThat(build.getString("image.digest"))
                .isEqualTo("127.0.0.1:5000/team/app@" + TestAgent.manifestDigest(key));
        assertThat(build.getList("image.references", String.class)).containsExactly(REGISTRY_TAG);
    }

    @Test
    void agentThatDoesNotPushCannotFinishAPushingTarget() throws Exception {
        agent.behaviour(job -> Reply.SUCCEED);
        String dockerfile = "FROM busybox\nRUN echo " + System.nanoTime() + "\n";
        String id = create(Contexts.upload(dockerfile, "push-old-agent"), List.of(REGISTRY_TAG), List.of("type=registry"));
        JsonPath build = CoordinatorFlowTest.awaitState(id, "FAILED");

        assertThat(build.getString("failure.code")).isEqualTo("ATTEMPTS_EXHAUSTED");
        assertThat(build.getString("failure.message")).contains("AGENT_CANNOT_PUSH");
        assertThat(build.getInt("stages[0].attempt")).isEqualTo(3);
        assertThat(build.getString("image")).isNull();
    }

    @Test
    void pushWithoutATagIsRefusedBeforeAnythingRuns() throws Exception {
        String digest = Contexts.upload("FROM busybox\nRUN true\n", "push-no-tag");
        given().contentType(ContentType.JSON).body(Map.of("contextDigest", digest, "outputs", List.of("type=registry")))
                .post("/api/v1/builds").then().statusCode(400).body("code", equalTo("BAD_REQUEST"))
                .body("subject", equalTo("outputs"));
        given().get("/api/v1/builds?limit=1000").then().statusCode(200)
                .body("contextDigest", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(digest)));
    }

    private static String create(String digest, List<String> tags, List<String> outputs) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("contextDigest", digest, "tags", tags, "outputs", outputs))
                .post("/api/v1/builds").then().statusCode(201).extract().path("id");
    }

    private void put(String key) throws Exception {
        byte[] bytes = ("stored " + key).getBytes(StandardCharsets.UTF_8);
        store.put(key, new ByteArrayInputStream(bytes), bytes.length);
    }
}
