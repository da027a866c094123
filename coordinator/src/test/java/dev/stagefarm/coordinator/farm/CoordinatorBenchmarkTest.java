package dev.stagefarm.coordinator.farm;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.coordinator.farm.TestAgent.Received;
import dev.stagefarm.coordinator.farm.TestAgent.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Coordinator throughput with an agent that finishes every stage at once: stage transitions per
 * second and ready→dispatched latency (stage queued in the database → job received by the agent
 * from Kafka) for 1, 10 and 100 concurrent builds of 5 stages. Slow; runs only with
 * {@code -Dbenchmark=coordinator}; prints one line per round.
 */
@QuarkusTest
@QuarkusTestResource(value = FarmServices.class, restrictToAnnotatedClass = false)
@TestProfile(CoordinatorBenchmarkTest.ProductionLeases.class)
@EnabledIfSystemProperty(named = "benchmark", matches = "coordinator")
class CoordinatorBenchmarkTest {
    /** base → {a, b, c} → final: five stages, three of them ready together. */
    static final String FIVE_STAGES = String.join("\n",
            "FROM busybox AS base", "RUN true",
            "FROM base AS a", "RUN echo a > /a",
            "FROM base AS b", "RUN echo b > /b",
            "FROM base AS c", "RUN echo c > /c",
            "FROM busybox AS final", "COPY --from=a /a /a", "COPY --from=b /b /b", "COPY --from=c /c /c", "");
    /** PENDING → QUEUED → RUNNING → SUCCEEDED for every stage. */
    static final int TRANSITIONS_PER_STAGE = 3;

    /** The default lease terms (10 s × 3), not the test profile's sub-second ones. */
    public static class ProductionLeases implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stagefarm.lease.heartbeat", "10s", "stagefarm.lease.check-every", "1s");
        }
    }

    @Test
    void measuresTransitionsPerSecondAndDispatchLatency() throws Exception {
        try (TestAgent agent = new TestAgent("bench-agent", FarmServices.bootstrap, job -> Reply.SUCCEED_AT_ONCE)) {
            round(agent, 10, "warm-up");
            for (int builds : new int[] {1, 10, 100}) {
                round(agent, builds, "measured");
            }
        }
    }

    private void round(TestAgent agent, int builds, String label) throws Exception {
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < builds; i++) {
            // A distinct context per build, so no stage is found cached.
            digests.add(Contexts.upload(FIVE_STAGES, label + "-" + builds + "-" + i + "-" + System.nanoTime()));
        }
        ExecutorService clients = Executors.newFixedThreadPool(Math.min(builds, 16));
        long start = System.nanoTime();
        List<Future<String>> created = new ArrayList<>();
        for (String digest : digests) {
            created.add(clients.submit(() -> CoordinatorFlowTest.createBuild(digest, Map.of("bench", label))));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : created) {
            ids.add(f.get());
        }
        clients.shutdown();
        List<JsonPath> done = new ArrayList<>();
        for (String id : ids) {
            done.add(CoordinatorFlowTest.awaitState(id, "SUCCEEDED", Duration.ofMinutes(5)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> latencies = new ArrayList<>();
        for (JsonPath build : done) {
            String id = build.getString("id");
            for (Received r : agent.received()) {
                if (r.job().buildId().equals(id) && r.job().attempt() == 1) {
                    Instant queued = Instant.parse(build.getString(
                            "stages.find { it.index == " + r.job().stage().index() + " }.queuedAt"));
                    latencies.add(Duration.between(queued, r.at()).toMillis());
                }
            }
        }
        Collections.sort(latencies);
        int stages = builds * 5;
        assertThat(latencies).as("one dispatch per stage, no retries").hasSize(stages);
        System.out.printf("BENCH %s builds=%d stages=%d wall=%.2fs transitions/s=%.0f dispatch p50=%dms p99=%dms%n",
                label, builds, stages, seconds, stages * TRANSITIONS_PER_STAGE / seconds,
                latencies.get(latencies.size() / 2), latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1));
    }
}
