package dev.stagefarm.helm;

import static dev.stagefarm.helm.Rendered.container;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stagefarm.agent.service.AgentConfig;
import dev.stagefarm.coordinator.config.CoordinatorConfig;
import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The probes ask the endpoints the apps serve: SmallRye Health's started, live and ready checks
 * under Quarkus' non-application root {@code /q}, on the port the app listens on.
 */
class HealthProbesTest {
    private static final Map<String, Map<String, String>> SECRETS = Map.of(
            "stagefarm-postgresql", Map.of("jdbc-url", "jdbc:postgresql://pg/sf", "username", "u", "password", "p"),
            "stagefarm-s3", Map.of("endpoint", "http://s3", "bucket", "b", "access-key", "a", "secret-key", "s"),
            "pg-login", Map.of("user", "u", "pass", "p"), "store-login", Map.of("id", "a", "key", "s"));

    @Test
    void probesAskTheQuarkusHealthEndpointsOnThePortTheAppListensOn() {
        for (String values : new String[] {"{}", TestValues.CUSTOM}) {
            Rendered rendered = Chart.render(values);
            check(container(rendered.coordinator(), "coordinator"), CoordinatorConfig.class);
            check(container(rendered.agents(), "agent"), AgentConfig.class);
        }
    }

    @Test
    void bothAppsServeSmallRyeHealth() throws IOException {
        for (String app : new String[] {"agent", "coordinator"}) {
            assertThat(Files.readString(Path.of("..", app, "pom.xml")))
                    .contains("<artifactId>quarkus-smallrye-health</artifactId>");
        }
    }

    private static void check(JsonNode container, Class<?> mapping) {
        SmallRyeConfig config = AppSettings.read(container, SECRETS, Map.of(), mapping);
        // Neither app moves the endpoints away from /q/health.
        assertThat(config.getOptionalValue("quarkus.http.non-application-root-path", String.class)).isEmpty();
        assertThat(config.getOptionalValue("quarkus.http.root-path", String.class)).isEmpty();
        assertThat(config.getOptionalValue("quarkus.smallrye-health.root-path", String.class)).isEmpty();
        int port = config.getValue("quarkus.http.port", Integer.class);
        assertThat(container.path("ports").get(0).path("name").asText()).isEqualTo("http");
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(port);

        assertThat(httpGet(container, "startupProbe")).isEqualTo("http /q/health/started");
        assertThat(httpGet(container, "livenessProbe")).isEqualTo("http /q/health/live");
        assertThat(httpGet(container, "readinessProbe")).isEqualTo("http /q/health/ready");
    }

    private static String httpGet(JsonNode container, String probe) {
        JsonNode get = container.path(probe).path("httpGet");
        return get.path("port").asText() + " " + get.path("path").asText();
    }
}
