package dev.stagefarm.coordinator.farm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.coordinator.farm.TestAgent.Reply;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.protocol.ObjectKeys;
import dev.stagefarm.protocol.StageJob;
import dev.stagefarm.protocol.StageOutput;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Stages whose results are stored under their cache keys; slow (Quarkus with real services). */
@QuarkusTest
@QuarkusTestResource(value = FarmServices.class, restrictToAnnotatedClass = false)
class CachedStagesTest {
    @Inject
    ObjectStore store;

    @Test
    void storedResultIsCachedWithoutDispatchAndOnlyWhatIsMissingRuns() throws Exception {
        String dockerfile = "FROM busybox AS base\nRUN echo " + System.nanoTime() + "\nFROM base AS app\nRUN true\n";
        try (TestAgent agent = new TestAgent("cache-agent", FarmServices.bootstrap, job -> Reply.SUCCEED)) {
            String first = CoordinatorFlowTest.createBuild(Contexts.upload(dockerfile, "cache-1"), null);
            JsonPath built = CoordinatorFlowTest.awaitState(first, "SUCCEEDED");
            String baseKey = built.getString("stages.find { it.index == 0 }.cacheKey");
            String appKey = built.getString("stages.find { it.index == 1 }.cacheKey");

            // The base image is stored: base is CACHED, app still runs. Other context files (the
            // salt) are not in the keys, as no stage copies them.
            put(ObjectKeys.image(baseKey));
            String second = CoordinatorFlowTest.createBuild(Contexts.upload(dockerfile, "cache-2"), null);
            JsonPath partly = CoordinatorFlowTest.awaitState(second, "SUCCEEDED");
            assertThat(partly.getString("stages.find { it.index == 0 }.state")).isEqualTo("CACHED");
            assertThat(partly.getString("stages.find { it.index == 1 }.state")).isEqualTo("SUCCEEDED");
            assertThat(partly.getString("stages.find { it.index == 1 }.cacheKey")).isEqualTo(appKey);
            assertThat(jobsOf(agent, second)).containsExactly(1);

            // The target's image is stored too: nothing runs, and base is not even part of the build.
            put(ObjectKeys.image(appKey));
            String third = CoordinatorFlowTest.createBuild(Contexts.upload(dockerfile, "cache-3"), null);
            JsonPath cached = CoordinatorFlowTest.awaitState(third, "SUCCEEDED");
            assertThat(cached.getList("stages.index", Integer.class)).containsExactly(1);
            assertThat(cached.getString("stages[0].state")).isEqualTo("CACHED");
            Thread.sleep(500);
            assertThat(jobsOf(agent, third)).isEmpty();
        }
    }

    @Test
    void storedFilesOfAStageDoNotServeABuildThatCopiesOtherPathsOfIt() throws Exception {
        String builder = "FROM busybox AS builder\nRUN echo " + System.nanoTime() + " && mkdir -p /app/dist /app/lib\n";
        String narrow = builder + "FROM busybox\nCOPY --from=builder /app/dist /dist\n";
        String wide = narrow + "COPY --from=builder /app/lib /lib\n";
        try (TestAgent agent = new TestAgent("paths-agent", FarmServices.bootstrap, job -> Reply.SUCCEED)) {
            String first = CoordinatorFlowTest.createBuild(Contexts.upload(narrow, "paths-1"), null);
            CoordinatorFlowTest.awaitState(first, "SUCCEEDED");
            StageJob builderJob = agent.received().stream().map(TestAgent.Received::job)
                    .filter(j -> j.buildId().equals(first) && j.stage().index() == 0).findFirst().orElseThrow();
            StageOutput files = builderJob.outputs().get(0);
            put(files.objectKey());
            put(files.manifestKey());

            // the same Dockerfile again: the builder's /app/dist is stored, so only the last stage runs
            String again = CoordinatorFlowTest.createBuild(Contexts.upload(narrow, "paths-2"), null);
            JsonPath reused = CoordinatorFlowTest.awaitState(again, "SUCCEEDED");
            assertThat(reused.getString("stages.find { it.index == 0 }.state")).isEqualTo("CACHED");

            // a build that also copies /app/lib from the same builder must run the builder again
            String second = CoordinatorFlowTest.createBuild(Contexts.upload(wide, "paths-3"), null);
            JsonPath built = CoordinatorFlowTest.awaitState(second, "SUCCEEDED");
            assertThat(built.getString("stages.find { it.index == 0 }.cacheKey")).isEqualTo(builderJob.cacheKey());
            assertThat(built.getString("stages.find { it.index == 0 }.state")).isEqualTo("SUCCEEDED");
            assertThat(jobsOf(agent, second)).containsExactly(0, 1);
        }
    }

    private void put(String key) throws Exception {
        byte[] bytes = ("stored " + key).getBytes(StandardCharsets.UTF_8);
        store.put(key, new ByteArrayInputStream(bytes), bytes.length);
    }

    private static java.util.List<Integer> jobsOf(TestAgent agent, String id) {
        return agent.received().stream().filter(r -> r.job().buildId().equals(id))
                .map(r -> r.job().stage().index()).toList();
    }
}
