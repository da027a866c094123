package dev.stagefarm.deploy.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stagefarm.deploy.local.FarmFacts;
import dev.stagefarm.deploy.local.LocalFarm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator process killed with SIGKILL while a stage runs, away for longer than a lease,
 * then started again: the build finishes, no stage runs twice (each stage's only attempt is its
 * first), and the files the first stage made reach the second through the store.
 */
// Before FarmDownTest, which takes the shared farm down.
@Order(13)
class CoordinatorKilledMidBuildTest {

    @Test
    void buildFinishesAfterTheCoordinatorIsKilledAndStartedAgainWithEveryStageRunOnce(@TempDir Path context,
            @TempDir Path out) throws IOException {
        FarmFacts farm = LocalFarm.up();
        CoordinatorApi coordinator = new CoordinatorApi(farm.get("COORDINATOR_URL"));
        String run = UUID.randomUUID().toString();
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox AS first\n"
                + "RUN sleep 45 && echo " + run + " > /made.txt\n"
                + "FROM busybox\n"
                + "COPY --from=first /made.txt /copied.txt\n"
                + "RUN cat /copied.txt\n");
        String id = FarmBuild.buildId(FarmBuild.in(context, farm.dockerHosts().get(0))
                .run("--detach", ".").orFail("stagefarm build --detach").output());
        coordinator.awaitBuild(id, Duration.ofMinutes(3), "ran its first stage",
                build -> CoordinatorApi.stage(build, 0).path("state").asText().equals("RUNNING"));

        LocalFarm.killHard("coordinator");
        assertThat(coordinator.build(id)).as("the coordinator answers after SIGKILL").isNull();
        // Away for longer than a lease (30 s): the heartbeats of the running stage wait in Kafka,
        // and the restarted coordinator must not take their absence for a lost agent.
        CoordinatorApi.sleep(Duration.ofSeconds(35));
        LocalFarm.up();

        JsonNode ended = coordinator.awaitBuild(id, Duration.ofMinutes(3), "ended", CoordinatorApi::ended);
        assertThat(ended.path("state").asText()).as("build %s", ended).isEqualTo("SUCCEEDED");
        assertThat(CoordinatorApi.stage(ended, 0).path("attempt").asInt()).isEqualTo(1);
        assertThat(CoordinatorApi.stage(ended, 1).path("attempt").asInt()).isEqualTo(1);
        assertThat(ended.path("stages")).allSatisfy(stage -> assertThat(stage.path("state").asText()).isEqualTo("SUCCEEDED"));

        FarmBuild.in(context, farm.dockerHosts().get(0)).run("-o", "type=local,dest=" + out, ".")
                .orFail("the same build again, from the cache");
        assertThat(Files.readString(out.resolve("copied.txt")).trim()).isEqualTo(run);
    }
}
