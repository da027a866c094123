package dev.stagefarm.helm;

import static dev.stagefarm.helm.Rendered.container;
import static dev.stagefarm.helm.Rendered.env;
import static dev.stagefarm.helm.Rendered.mounts;
import static dev.stagefarm.helm.Rendered.podSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stagefarm.agent.docker.DockerEngine;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class AgentPodTest {
    private static final String SOCKET_DIR = "/var/run/stagefarm-docker";

    @Test
    void theDaemonIsAPrivilegedNativeSidecarSoItOutlivesTheAgentsDrain() {
        JsonNode daemon = container(Chart.render().agents(), "docker");
        assertThat(daemon.path("restartPolicy").asText()).isEqualTo("Always");
        assertThat(podSpec(Chart.render().agents()).path("initContainers")).hasSize(1);
        assertThat(daemon.path("securityContext").path("privileged").asBoolean()).isTrue();
        assertThat(daemon.path("image").asText()).isEqualTo("docker:28-dind");

        JsonNode custom = container(Chart.render(TestValues.CUSTOM).agents(), "docker");
        assertThat(custom.path("image").asText()).isEqualTo("mirror.example/docker:27-dind");
        assertThat(texts(custom.path("args"))).containsExactly("dockerd", "--host=unix://" + SOCKET_DIR + "/docker.sock",
                "--registry-mirror=http://mirror:5000");
        assertThat(custom.path("resources").path("limits").path("memory").asText()).isEqualTo("8Gi");
    }

    @Test
    void theAgentTalksToTheSocketItsSidecarServesInASharedFolder() {
        JsonNode agents = Chart.render().agents();
        JsonNode agent = container(agents, "agent");
        JsonNode daemon = container(agents, "docker");
        String socket = "unix://" + SOCKET_DIR + "/docker.sock";

        assertThat(volume(agents, "docker-socket").has("emptyDir")).isTrue();
        assertThat(mounts(agent, "docker-socket")).containsOnlyKeys(SOCKET_DIR);
        assertThat(mounts(daemon, "docker-socket")).containsOnlyKeys(SOCKET_DIR);
        assertThat(env(agent).get("STAGEFARM_DOCKER_HOST").path("value").asText()).isEqualTo(socket);
        // dockerd named first: the image's entrypoint then adds no listener of its own (TCP 2375).
        assertThat(texts(daemon.path("args"))).containsExactly("dockerd", "--host=" + socket);
        assertThat(texts(daemon.path("startupProbe").path("exec").path("command")))
                .containsExactly("docker", "--host=" + socket, "version");
    }

    @Test
    void theWorkFolderHasTheSamePathInAgentAndDaemonForRunBindMounts() {
        for (String[] c : new String[][] {{"{}", "/var/lib/stagefarm-agent"}, {TestValues.CUSTOM, "/srv/stagefarm"}}) {
            JsonNode agents = Chart.render(c[0]).agents();
            assertThat(env(container(agents, "agent")).get("STAGEFARM_AGENT_WORK_DIR").path("value").asText())
                    .isEqualTo(c[1]);
            assertThat(mounts(container(agents, "agent"), "data")).containsExactly(entry(c[1], "agent"));
            assertThat(mounts(container(agents, "docker"), "data"))
                    .containsOnly(entry("/var/lib/docker", "docker"), entry(c[1], "agent"));
        }
    }

    @Test
    void eachPodClaimsItsOwnVolumeForDaemonDataCacheMountsAndWorkFolder() {
        JsonNode agents = Chart.render().agents();
        JsonNode claim = agents.path("spec").path("volumeClaimTemplates").get(0);
        assertThat(agents.path("spec").path("volumeClaimTemplates")).hasSize(1);
        assertThat(claim.path("metadata").path("name").asText()).isEqualTo("data");
        assertThat(claim.path("spec").path("resources").path("requests").path("storage").asText()).isEqualTo("50Gi");
        assertThat(claim.path("spec").has("storageClassName")).isFalse();
        assertThat(volume(agents, "data")).isNull();

        JsonNode custom = Chart.render(TestValues.CUSTOM).agents();
        JsonNode customClaim = custom.path("spec").path("volumeClaimTemplates").get(0).path("spec");
        assertThat(customClaim.path("resources").path("requests").path("storage").asText()).isEqualTo("200Gi");
        assertThat(customClaim.path("storageClassName").asText()).isEqualTo("fast-ssd");
        assertThat(custom.path("spec").path("persistentVolumeClaimRetentionPolicy").path("whenDeleted").asText())
                .isEqualTo("Delete");
    }

    @Test
    void withoutPersistenceTheDataVolumeIsAnEmptyDir() {
        JsonNode agents = Chart.render("agent: {persistence: {enabled: false}}").agents();
        assertThat(agents.path("spec").has("volumeClaimTemplates")).isFalse();
        assertThat(agents.path("spec").has("persistentVolumeClaimRetentionPolicy")).isFalse();
        assertThat(volume(agents, "data").has("emptyDir")).isTrue();
    }

    @Test
    void replicasSlotsAndLabelsComeFromValues() {
        JsonNode agents = Chart.render().agents();
        assertThat(agents.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(env(container(agents, "agent")).get("STAGEFARM_AGENT_SLOTS").path("value").asText()).isEqualTo("1");

        JsonNode custom = Chart.render(TestValues.CUSTOM).agents();
        Map<String, JsonNode> env = env(container(custom, "agent"));
        assertThat(custom.path("spec").path("replicas").asInt()).isEqualTo(5);
        assertThat(env.get("STAGEFARM_AGENT_SLOTS").path("value").asText()).isEqualTo("3");
        assertThat(env.get("STAGEFARM_AGENT_LABELS_POOL").path("value").asText()).isEqualTo("gpu");
        assertThat(env.get("STAGEFARM_AGENT_LABELS_ARCH").path("value").asText()).isEqualTo("amd64");
    }

    /**
     * The agent's stop: up to 10 s to leave its poll, the grace for running stages, up to 30 s
     * for stopped stages to report (JobIntake.shutdown), then closing its clients.
     */
    @Test
    void thePodIsGivenTheAgentsDrainAndWhatFollowsBeforeItIsKilled() {
        JsonNode agents = Chart.render().agents();
        assertThat(env(container(agents, "agent")).get("STAGEFARM_AGENT_SHUTDOWN_GRACE").path("value").asText())
                .isEqualTo("60s");
        assertThat(podSpec(agents).path("terminationGracePeriodSeconds").asInt()).isEqualTo(120)
                .isGreaterThanOrEqualTo(60 + 10 + 30);

        JsonNode custom = Chart.render(TestValues.CUSTOM).agents();
        assertThat(env(container(custom, "agent")).get("STAGEFARM_AGENT_SHUTDOWN_GRACE").path("value").asText())
                .isEqualTo("600s");
        assertThat(podSpec(custom).path("terminationGracePeriodSeconds").asInt()).isEqualTo(645);
    }

    @Test
    void theDefaultDaemonStillAcceptsTheEngineApiTheAgentSpeaks() {
        // Docker 29 refuses clients below API 1.44; Docker 28 and older accept 1.41.
        assertThat(Double.parseDouble(DockerEngine.API_VERSION)).isLessThan(1.44);
        String tag = container(Chart.render().agents(), "docker").path("image").asText().replaceFirst(".*:", "");
        assertThat(Integer.parseInt(tag.replaceFirst("\\D.*", ""))).isLessThanOrEqualTo(28);
    }

    @Test
    void noKubernetesApiTokenIsMountedWhereBuildsRun() {
        Rendered rendered = Chart.render();
        assertThat(podSpec(rendered.agents()).path("automountServiceAccountToken").isBoolean()).isTrue();
        assertThat(podSpec(rendered.agents()).path("automountServiceAccountToken").asBoolean()).isFalse();
        assertThat(podSpec(rendered.coordinator()).path("automountServiceAccountToken").asBoolean(true)).isFalse();
    }

    @Test
    void agentPodsAreNamedByAHeadlessService() {
        var rendered = Chart.render();
        JsonNode service = rendered.find("Service", "farm-stagefarm-agent");
        assertThat(rendered.agents().path("spec").path("serviceName").asText()).isEqualTo("farm-stagefarm-agent");
        assertThat(service.path("spec").path("clusterIP").asText()).isEqualTo("None");
        assertThat(service.path("spec").path("selector"))
                .isEqualTo(rendered.agents().path("spec").path("selector").path("matchLabels"));
    }

    @Test
    void schedulingAndImageValuesReachThePod() {
        JsonNode custom = Chart.render(TestValues.CUSTOM).agents();
        assertThat(container(custom, "agent").path("image").asText()).isEqualTo("registry.example/stagefarm/agent:1.2.3");
        assertThat(podSpec(custom).path("tolerations").get(0).path("key").asText()).isEqualTo("builds");
        assertThat(podSpec(custom).path("imagePullSecrets").get(0).path("name").asText()).isEqualTo("registry-login");
        assertThat(container(Chart.render().agents(), "agent").path("image").asText())
                .isEqualTo("stagefarm-agent:0.1.0-SNAPSHOT");
    }

    private static JsonNode volume(JsonNode workload, String name) {
        return StreamSupport.stream(podSpec(workload).path("volumes").spliterator(), false)
                .filter(v -> name.equals(v.path("name").asText())).findFirst().orElse(null);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
