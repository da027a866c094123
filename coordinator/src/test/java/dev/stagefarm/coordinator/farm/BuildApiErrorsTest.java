package dev.stagefarm.coordinator.farm;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear 4xx with a catalogue code, and leaves nothing behind. Slow (Quarkus + services). */
@QuarkusTest
@QuarkusTestResource(value = FarmServices.class, restrictToAnnotatedClass = false)
class BuildApiErrorsTest {

    @Test
    void malformedJsonIsBadRequest() {
        given().contentType(ContentType.JSON).body("{\"contextDigest\": ").post("/api/v1/builds").then()
                .statusCode(400).body("code", equalTo("BAD_REQUEST"));
    }

    @Test
    void unknownContextDigestIsNotFound() {
        given().contentType(ContentType.JSON).body(Map.of("contextDigest", "0".repeat(64)))
                .post("/api/v1/builds").then().statusCode(404).body("code", equalTo("UNKNOWN_CONTEXT"));
    }

    @Test
    void missingDockerfileInTheContextIsBadRequest() throws Exception {
        String digest = Contexts.upload("FROM busybox\n", "missing-dockerfile");
        given().contentType(ContentType.JSON).body(Map.of("contextDigest", digest, "dockerfile", "build/Dockerfile"))
                .post("/api/v1/builds").then().statusCode(400).body("code", equalTo("CONTEXT_FILE_MISSING"))
                .body("subject", equalTo("build/Dockerfile"));
    }

    @Test
    void planningErrorReportsTheFrontendsMessageAndLine() throws Exception {
        String digest = Contexts.upload("FROM busybox AS a\nCOPY --from=b /x /x\nFROM busybox AS b\n", "order");
        given().contentType(ContentType.JSON).body(Map.of("contextDigest", digest, "target", "a"))
                .post("/api/v1/builds").then().statusCode(400).body("code", equalTo("STAGE_ORDER"))
                .body("line", equalTo(2)).body("message", containsString("cannot copy from stage \"b\", it needs to be defined before"));
        given().get("/api/v1/builds?limit=1000").then().statusCode(200)
                .body("contextDigest", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(digest)));
    }

    @Test
    void unknownBuildIdIsNotFound() {
        given().get("/api/v1/builds/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("UNKNOWN_BUILD"));
        given().get("/api/v1/builds/not-a-uuid").then().statusCode(404).body("code", equalTo("UNKNOWN_BUILD"));
        given().post("/api/v1/builds/" + java.util.UUID.randomUUID() + "/cancel").then().statusCode(404);
    }

    @Test
    void contextBytesNotMatchingTheDigestAreRejectedAndNotStored() throws Exception {
        byte[] tar = Contexts.tar(Map.of("Dockerfile", "FROM busybox\n"));
        String wrong = Contexts.sha256("something else".getBytes());
        given().body(tar).contentType("application/x-tar").put("/api/v1/contexts/" + wrong).then().statusCode(400)
                .body("code", equalTo("CONTEXT_DIGEST_MISMATCH"));
        given().head("/api/v1/contexts/" + wrong).then().statusCode(404);
    }

    @Test
    void uploadedContextIsStoredOnceAndVisible() throws Exception {
        byte[] tar = Contexts.tar(Map.of("Dockerfile", "FROM busybox\n", "x", "once"));
        String digest = Contexts.sha256(tar);
        given().body(tar).contentType("application/x-tar").put("/api/v1/contexts/" + digest).then().statusCode(201);
        given().body(tar).contentType("application/x-tar").put("/api/v1/contexts/" + digest).then().statusCode(200);
        given().head("/api/v1/contexts/" + digest).then().statusCode(200)
                .header("Content-Length", String.valueOf(tar.length));
    }

    @Test
    void badDigestSyntaxIsBadRequest() {
        given().head("/api/v1/contexts/XYZ").then().statusCode(400);
    }
}
