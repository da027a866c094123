package dev.stagefarm.coordinator.farm;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.coordinator.events.Decision;
import dev.stagefarm.coordinator.events.StageEventHandler;
import dev.stagefarm.coordinator.farm.TestAgent.Received;
import dev.stagefarm.coordinator.farm.TestAgent.Reply;
import dev.stagefarm.protocol.ProtocolVersion;
import dev.stagefarm.protocol.StageEvent;
import dev.stagefarm.protocol.StageJob;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The coordinator against real Kafka, PostgreSQL and S3 with a test agent on the real topics.
 * Slow: starts the services and the application (~20 s).
 */
@QuarkusTest
@QuarkusTestResource(value = FarmServices.class, restrictToAnnotatedClass = false)
class CoordinatorFlowTest {
    static final String DIAMOND = String.join("\n",
            "FROM busybox AS base",
            "RUN echo base > /base",
            "FROM base AS left",
            "RUN make test",
            "FROM base AS right",
            "RUN echo right > /right",
            "FROM busybox AS final",
            "COPY --from=left /base /l",
            "COPY --from=right /right /r",
            "");

    @Inject
    StageEventHandler handler;
    @Inject
    EntityManager em;

    private TestAgent agent;

    @BeforeEach
    void startAgent() {
        agent = new TestAgent("agent-1", FarmServices.bootstrap, job -> Reply.SUCCEED);
    }

    @AfterEach
    void stopAgent() throws InterruptedException {
        agent.close();
    }

    @Test
    void diamondDispatchesRootThenBothMiddleStagesTogetherThenTheLast() throws Exception {
        CountDownLatch bothMiddle = new CountDownLatch(2);
        agent.behaviour(job -> {
            if (job.stage().index() == 1 || job.stage().index() == 2) {
                // Hold each middle stage until the other one was dispatched too.
                bothMiddle.countDown();
                await(bothMiddle);
            }
            return Reply.SUCCEED;
        });
        String id = createBuild(Contexts.upload(DIAMOND, "diamond"), null);
        JsonPath build = awaitState(id, "SUCCEEDED");

        List<Integer> order = jobsOf(id).stream().map(r -> r.job().stage().index()).toList();
        assertThat(order).hasSize(4);
        assertThat(order.get(0)).isZero();
        assertThat(order.subList(1, 3)).containsExactlyInAnyOrder(1, 2);
        assertThat(order.get(3)).isEqualTo(3);
        assertThat(bothMiddle.getCount()).as("both middle stages were out at once").isZero();
        assertThat(build.getList("stages.state", String.class)).containsOnly("SUCCEEDED");
        StageJob last = jobsOf(id).get(3).job();
        assertThat(last.inputs()).extracting(i -> i.stageIndex()).containsExactly(1, 2);
    }

    @Test
    void buildErrorFailsTheBuildAtOnceAndCancelsWhatDependsOnIt() throws Exception {
        agent.behaviour(job -> job.stage().index() == 1 ? Reply.FAIL_BUILD : Reply.SUCCEED);
        String id = createBuild(Contexts.upload(DIAMOND, "fails"), null);
        JsonPath build = awaitState(id, "FAILED");

        assertThat(build.getString("failure.code")).isEqualTo("RUN_EXIT_NONZERO");
        assertThat(build.getString("failure.step")).isEqualTo("RUN make test");
        assertThat(build.getList("failure.logTail", String.class)).containsExactly("compiling", "1 test failed");
        assertThat(build.getString("stages.find { it.index == 1 }.state")).isEqualTo("FAILED");
        assertThat(build.getString("stages.find { it.index == 3 }.state")).isEqualTo("SKIPPED");
        assertThat(jobsOf(id)).extracting(r -> r.job().stage().index()).doesNotContain(3);
    }

    @Test
    void silentAgentsAttemptExpiresAndIsDispatchedAgain() throws Exception {
        agent.behaviour(job -> job.attempt() == 1 ? Reply.CLAIM_THEN_SILENCE : Reply.SUCCEED);
        String id = createBuild(Contexts.upload("FROM busybox AS only\nRUN true\n", "silent"), null);
        JsonPath build = awaitState(id, "SUCCEEDED");

        assertThat(build.getInt("stages[0].attempt")).isEqualTo(2);
        assertThat(jobsOf(id)).extracting(r -> r.job().attempt()).containsExactly(1, 2);
    }

    @Test
    void infrastructureFailureOnEveryAttemptFailsTheBuildWithAttemptsExhausted() throws Exception {
        agent.behaviour(job -> Reply.FAIL_INFRASTRUCTURE);
        String id = createBuild(Contexts.upload("FROM busybox\nRUN true\n", "exhaust"), null);
        JsonPath build = awaitState(id, "FAILED");
        assertThat(build.getString("failure.code")).isEqualTo("ATTEMPTS_EXHAUSTED");
        assertThat(jobsOf(id)).extracting(r -> r.job().attempt()).containsExactly(1, 2, 3);
    }

    @Test
    void eventReplayedTwiceChangesNothing() throws Exception {
        String id = createBuild(Contexts.upload("FROM busybox\nRUN true\n", "replay"), null);
        awaitState(id, "SUCCEEDED");
        StageJob job = jobsOf(id).get(0).job();
        long eventsBefore = countRows("BuildEventEntity");
        long outboxBefore = countRows("OutboxEntity");

        Decision claim = handler.handle(new StageEvent.Claimed(ProtocolVersion.CURRENT, job.buildId(),
                job.stageRunId(), job.attempt(), "agent-1", Instant.now(), null));
        Decision success = handler.handle(agent.succeeded(job));

        assertThat(claim).isInstanceOf(Decision.Ignore.class);
        assertThat(success).isInstanceOf(Decision.Ignore.class);
        assertThat(countRows("BuildEventEntity")).isEqualTo(eventsBefore);
        assertThat(countRows("OutboxEntity")).isEqualTo(outboxBefore);
        assertThat(get(id).getString("state")).isEqualTo("SUCCEEDED");
    }

    @Test
    void claimForAnOldAttemptIsIgnored() throws Exception {
        agent.behaviour(job -> job.attempt() == 1 ? Reply.CLAIM_THEN_SILENCE : Reply.CLAIM_THEN_SILENCE);
        String id = createBuild(Contexts.upload("FROM busybox\nRUN sleep 1\n", "stale"), null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (get(id).getInt("stages[0].attempt") < 2 || !"RUNNING".equals(get(id).getString("stages[0].state"))) {
            assertThat(System.nanoTime()).as("attempt 2 running").isLessThan(deadline);
            Thread.sleep(50);
        }
        StageJob first = jobsOf(id).get(0).job();
        Decision stale = handler.handle(new StageEvent.Claimed(ProtocolVersion.CURRENT, first.buildId(),
                first.stageRunId(), 1, "zombie", Instant.now(), null));
        Decision staleSuccess = handler.handle(new StageEvent.Succeeded(1, first.buildId(), first.stageRunId(), 1,
                "zombie", Instant.now(), List.of(), 1));

        assertThat(stale).isInstanceOf(Decision.Abort.class);
        assertThat(staleSuccess).isInstanceOf(Decision.Ignore.class);
        JsonPath build = get(id);
        assertThat(build.getString("stages[0].agent")).isEqualTo("agent-1");
        assertThat(build.getString("stages[0].state")).isIn("RUNNING", "QUEUED");
        given().post("/api/v1/builds/" + id + "/cancel").then().statusCode(200);
        assertThat(get(id).getString("state")).isEqualTo("CANCELLED");
    }

    @Test
    void lateSubscriberReplaysTheWholeProgressStream() throws Exception {
        String id = createBuild(Contexts.upload("FROM busybox\nRUN true\n", "sse"), null);
        awaitState(id, "SUCCEEDED");
        String stream = given().accept("text/event-stream").get("/api/v1/builds/" + id + "/events").then()
                .statusCode(200).extract().asString();
        assertThat(stream).contains("STAGE_QUEUED", "STAGE_RUNNING", "STEP_STARTED", "STAGE_SUCCEEDED",
                "BUILD_SUCCEEDED");
        assertThat(stream.indexOf("STAGE_QUEUED")).isLessThan(stream.indexOf("BUILD_SUCCEEDED"));
    }

    @Test
    void agentsAndLabelsAreListed() throws Exception {
        String id = createBuild(Contexts.upload("FROM busybox\nRUN true\n", "labels"), Map.of("team", "web"));
        awaitState(id, "SUCCEEDED");
        given().get("/api/v1/builds?label=team=web&state=succeeded").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(id));
        given().get("/api/v1/agents").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem("agent-1"));
        given().get("/q/health").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("stagefarm_stages_finished_total"));
    }

    static String createBuild(String digest, Map<String, String> labels) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("contextDigest", digest, "labels", labels == null ? Map.of() : labels))
                .post("/api/v1/builds").then().statusCode(201).extract().path("id");
    }

    static JsonPath get(String id) {
        return given().get("/api/v1/builds/" + id).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath awaitState(String id, String state) throws InterruptedException {
        return awaitState(id, state, Duration.ofSeconds(30));
    }

    static JsonPath awaitState(String id, String state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonPath build = get(id);
            if (build.getString("state").equals(state)) {
                return build;
            }
            assertThat(System.nanoTime()).as("build %s to reach %s; it is %s", id, state, build.prettify())
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private List<Received> jobsOf(String id) {
        return agent.received().stream().filter(r -> r.job().buildId().equals(id)).toList();
    }

    private long countRows(String entity) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> em.createQuery("select count(e) from " + entity + " e", Long.class).getSingleResult());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
