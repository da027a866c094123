package dev.stagefarm.deploy.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stagefarm.deploy.local.DockerHost;
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
 * An agent killed with SIGKILL in the middle of a stage (a crashed pod: no shutdown hook, no
 * clean-up): the coordinator's lease on the attempt runs out, the stage runs again as the next
 * attempt on another agent and the build succeeds; the containers the dead agent left on its
 * daemon are gone once that agent starts again. Slow: it waits out a whole lease.
 */
// Before FarmDownTest, which takes the shared farm down.
@Order(12)
class AgentKilledMidStageTest {

    @Test
    void stageOfAKilledAgentRunsAgainElsewhereAndItsContainersGoAtItsNextStart(@TempDir Path context)
            throws IOException {
        FarmFacts farm = LocalFarm.up();
        CoordinatorApi coordinator = new CoordinatorApi(farm.get("COORDINATOR_URL"));
        String run = UUID.randomUUID().toString();
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox\n"
                + "RUN echo started " + run + " && sleep 15 && echo " + run + " > /made.txt\n");
        String id = FarmBuild.buildId(FarmBuild.in(context, farm.dockerHosts().get(0))
                .run("--detach", ".").orFail("stagefarm build --detach").output());

        JsonNode running = coordinator.awaitBuild(id, Duration.ofMinutes(3), "ran its stage on an agent",
                build -> CoordinatorApi.stage(build, 0).path("state").asText().equals("RUNNING")
                        && CoordinatorApi.stage(build, 0).hasNonNull("agent"));
        String victim = CoordinatorApi.stage(running, 0).path("agent").asText();
        DockerHost victimsDaemon = farm.dockerHosts().get(Integer.parseInt(victim.substring("agent-".length())) - 1);
        String containers = "name=stagefarm-" + victim + "-";
        awaitContainer(victimsDaemon, containers);

        LocalFarm.killHard(victim);

        JsonNode ended = coordinator.awaitBuild(id, Duration.ofMinutes(4), "ended", CoordinatorApi::ended);
        assertThat(ended.path("state").asText()).as("build %s", ended).isEqualTo("SUCCEEDED");
        JsonNode stage = CoordinatorApi.stage(ended, 0);
        assertThat(stage.path("attempt").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(stage.path("agent").asText()).isNotEqualTo(victim);
        // Nobody cleaned up after the dead agent: its stage container is still on its daemon.
        assertThat(victimsDaemon.docker("ps", "-aq", "--filter", containers).orFail("docker ps").output().trim())
                .isNotEmpty();

        LocalFarm.up();

        assertThat(victimsDaemon.docker("ps", "-aq", "--filter", containers).orFail("docker ps").output().trim())
                .as("containers of %s after its restart", victim).isEmpty();
    }

    /** Waits until the agent's stage container exists, so the kill lands mid-RUN. */
    private static void awaitContainer(DockerHost daemon, String filter) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (daemon.docker("ps", "-q", "--filter", filter).orFail("docker ps").output().isBlank()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no container " + filter + " on " + daemon.uri());
            }
            CoordinatorApi.sleep(Duration.ofMillis(200));
        }
    }
}
