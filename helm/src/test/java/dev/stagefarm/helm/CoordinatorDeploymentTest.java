package dev.stagefarm.helm;

import static dev.stagefarm.helm.Rendered.container;
import static dev.stagefarm.helm.Rendered.env;
import static dev.stagefarm.helm.Rendered.mounts;
import static dev.stagefarm.helm.Rendered.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoordinatorDeploymentTest {

    @Test
    void credentialsAreSecretReferencesNeverValues() {
        for (String values : new String[] {"{}", TestValues.CUSTOM}) {
            Rendered rendered = Chart.render(values);
            Map<String, JsonNode> coordinator = env(container(rendered.coordinator(), "coordinator"));
            Map<String, JsonNode> agent = env(container(rendered.agents(), "agent"));
            for (JsonNode e : new JsonNode[] {coordinator.get("QUARKUS_DATASOURCE_USERNAME"),
                    coordinator.get("QUARKUS_DATASOURCE_PASSWORD"), coordinator.get("STAGEFARM_S3_ACCESS_KEY"),
                    coordinator.get("STAGEFARM_S3_SECRET_KEY"), agent.get("S3_ACCESS_KEY"), agent.get("S3_SECRET_KEY")}) {
                assertThat(e.has("value")).as("%s", e).isFalse();
                assertThat(e.path("valueFrom").path("secretKeyRef").path("name").asText()).as("%s", e).isNotEmpty();
            }
        }
        Map<String, JsonNode> custom = env(container(Chart.render(TestValues.CUSTOM).coordinator(), "coordinator"));
        assertThat(secretRef(custom.get("QUARKUS_DATASOURCE_PASSWORD"))).isEqualTo("pg-login/pass");
        assertThat(secretRef(custom.get("STAGEFARM_S3_ACCESS_KEY"))).isEqualTo("store-login/id");
    }

    @Test
    void byDefaultDatabaseUrlStoreEndpointAndBucketAlsoComeFromTheSecrets() {
        Map<String, JsonNode> env = env(container(Chart.render().coordinator(), "coordinator"));
        assertThat(secretRef(env.get("QUARKUS_DATASOURCE_JDBC_URL"))).isEqualTo("stagefarm-postgresql/jdbc-url");
        assertThat(secretRef(env.get("STAGEFARM_S3_ENDPOINT"))).isEqualTo("stagefarm-s3/endpoint");
        assertThat(secretRef(env.get("STAGEFARM_S3_BUCKET"))).isEqualTo("stagefarm-s3/bucket");

        Map<String, JsonNode> custom = env(container(Chart.render(TestValues.CUSTOM).coordinator(), "coordinator"));
        assertThat(custom.get("QUARKUS_DATASOURCE_JDBC_URL").path("value").asText())
                .isEqualTo("jdbc:postgresql://pg.db:5432/farm");
        assertThat(custom.get("STAGEFARM_S3_ENDPOINT").path("value").asText()).isEqualTo("http://minio.store:9000");
    }

    @Test
    void theServiceExposesTheRestApiPort() {
        Rendered rendered = Chart.render();
        JsonNode service = rendered.find("Service", "farm-stagefarm-coordinator");
        assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(8080);
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
        assertThat(service.path("spec").path("selector"))
                .isEqualTo(rendered.coordinator().path("spec").path("selector").path("matchLabels"));

        Rendered custom = Chart.render(TestValues.CUSTOM);
        JsonNode customService = custom.find("Service", "farm-stagefarm-coordinator");
        JsonNode coordinator = container(custom.coordinator(), "coordinator");
        assertThat(customService.path("spec").path("type").asText()).isEqualTo("LoadBalancer");
        assertThat(customService.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(80);
        assertThat(coordinator.path("ports").get(0).path("name").asText()).isEqualTo("http");
        assertThat(coordinator.path("ports").get(0).path("containerPort").asInt()).isEqualTo(9090);
    }

    @Test
    void oneCoordinatorIsReplacedNotOverlapped() {
        JsonNode deployment = Chart.render().coordinator();
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(deployment.path("spec").path("strategy").path("type").asText()).isEqualTo("Recreate");
    }

    @Test
    void uploadsSpoolOnAnEmptyDirOfTheGivenSize() {
        for (String[] c : new String[][] {{"{}", "20Gi"}, {TestValues.CUSTOM, "5Gi"}}) {
            JsonNode deployment = Chart.render(c[0]).coordinator();
            JsonNode coordinator = container(deployment, "coordinator");
            String dir = env(coordinator).get("STAGEFARM_STORAGE_SPOOL_DIR").path("value").asText();
            assertThat(mounts(coordinator, "spool")).containsOnlyKeys(dir);
            assertThat(podSpec(deployment).path("volumes").get(0).path("emptyDir").path("sizeLimit").asText())
                    .isEqualTo(c[1]);
        }
    }

    @Test
    void imageResourcesAndSchedulingComeFromValues() {
        JsonNode deployment = Chart.render(TestValues.CUSTOM).coordinator();
        JsonNode coordinator = container(deployment, "coordinator");
        assertThat(coordinator.path("image").asText()).isEqualTo("registry.example/stagefarm/coordinator:1.2.3");
        assertThat(coordinator.path("resources").path("requests").path("memory").asText()).isEqualTo("768Mi");
        assertThat(env(coordinator).get("JAVA_TOOL_OPTIONS").path("value").asText()).isEqualTo("-Xmx1g");
        assertThat(podSpec(deployment).path("nodeSelector").path("pool").asText()).isEqualTo("control");
        assertThat(container(Chart.render().coordinator(), "coordinator").path("image").asText())
                .isEqualTo("stagefarm-coordinator:0.1.0-SNAPSHOT");
    }

    private static String secretRef(JsonNode envEntry) {
        JsonNode ref = envEntry.path("valueFrom").path("secretKeyRef");
        return ref.path("name").asText() + "/" + ref.path("key").asText();
    }
}
