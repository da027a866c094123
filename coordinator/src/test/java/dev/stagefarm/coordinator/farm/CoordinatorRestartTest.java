package dev.stagefarm.coordinator.farm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.coordinator.dispatch.OutboxPublisher;
import dev.stagefarm.coordinator.events.StageEventConsumer;
import dev.stagefarm.coordinator.farm.TestAgent.Received;
import dev.stagefarm.coordinator.farm.TestAgent.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's event handling and outbox stop mid-build and start again as a fresh instance
 * would (new Kafka consumer and producer, same PostgreSQL and topics): the build finishes and no
 * attempt is dispatched twice. Slow (Quarkus with real services, a consumer-group rejoin).
 */
@QuarkusTest
@QuarkusTestResource(value = FarmServices.class, restrictToAnnotatedClass = false)
class CoordinatorRestartTest {
    @Inject
    StageEventConsumer events;
    @Inject
    OutboxPublisher outbox;

    @Test
    void buildStoppedMidwayFinishesAfterRestartWithEveryAttemptDispatchedOnce() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        try (TestAgent agent = new TestAgent("restart-agent", FarmServices.bootstrap, job -> Reply.SUCCEED)) {
            // The coordinator goes down once the first stage is dispatched, before its claim: all
            // the stage's events wait in Kafka. (Stopped after the claim, the coordinator may apply
            // the claim first, and its lease, which the lease monitor keeps checking while this
            // agent sends no heartbeats, expires: a second attempt, a race of milliseconds.)
            agent.beforeClaim(job -> {
                if (job.stage().index() == 0 && stopped.getCount() > 0) {
                    stopLoops();
                    stopped.countDown();
                }
            });
            String dockerfile = "FROM busybox AS base\nRUN echo " + System.nanoTime()
                    + "\nFROM base AS a\nRUN true\nFROM base AS b\nRUN true\nFROM busybox\nCOPY --from=a /a /a\n"
                    + "COPY --from=b /b /b\n";
            String id = CoordinatorFlowTest.createBuild(Contexts.upload(dockerfile, "restart"), null);
            assertThat(stopped.await(30, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(1_000);
            assertThat(CoordinatorFlowTest.get(id).getString("state")).isNotEqualTo("SUCCEEDED");

            outbox.start(null);
            events.start(null);
            JsonPath done = CoordinatorFlowTest.awaitState(id, "SUCCEEDED", Duration.ofSeconds(60));

            assertThat(done.getList("stages.state", String.class)).containsOnly("SUCCEEDED");
            List<String> dispatched = agent.received().stream().filter(r -> r.job().buildId().equals(id))
                    .map(CoordinatorRestartTest::attemptOf).toList();
            assertThat(dispatched).containsExactlyInAnyOrder("0/1", "1/1", "2/1", "3/1");
        }
    }

    private void stopLoops() {
        try {
            events.stop(null);
            outbox.stop(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String attemptOf(Received r) {
        return r.job().stage().index() + "/" + r.job().attempt();
    }
}
