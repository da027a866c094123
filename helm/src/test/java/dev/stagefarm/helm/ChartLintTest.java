package dev.stagefarm.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

class ChartLintTest {

    @Test
    void theBundledHelmIsHelm3() {
        assertThat(Helm.version().call()).startsWith("v3.");
    }

    @Test
    void lintsCleanAndStrictWithItsOwnValues() {
        LintResult result = Chart.lint();
        assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
    }

    @Test
    void lintsCleanAndStrictWithEveryValueChanged() {
        LintResult result = Chart.lint(TestValues.CUSTOM);
        assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
    }

    @Test
    void lintFindsATemplateThatRendersBrokenYaml() {
        LintResult result = Chart.lintWithExtraTemplate("broken.yaml", "kind: Service\nmetadata: [name\n");
        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("broken.yaml");
    }

    @Test
    void aLabelKeyThatCannotTravelAsAnEnvironmentVariableIsRefused() {
        // helm lint only logs a template's fail (lint mode); rendering stops on it.
        assertThatThrownBy(() -> Chart.render("agent: {labels: {Pool-A: x}}"))
                .hasMessageContaining("agent.labels key \"Pool-A\": use lower-case letters and digits only");
    }

    @Test
    void rendersOnlyTheFourWorkloadObjectsAndNoSecret() {
        assertThat(Chart.render().documents()).extracting(d -> d.path("kind").asText() + " " + d.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("Deployment farm-stagefarm-coordinator", "Service farm-stagefarm-coordinator",
                        "StatefulSet farm-stagefarm-agent", "Service farm-stagefarm-agent");
    }

    @Test
    void everyRenderedFieldIsOneTheKubernetesApiKnows() {
        for (String values : new String[] {"{}", TestValues.CUSTOM, "agent: {persistence: {enabled: false}}"}) {
            Chart.render(values).documents()
                    .forEach(doc -> assertThat(KubernetesModel.unknownFields(doc)).as("values %s", values).isEmpty());
        }
    }

    @Test
    void aMisspeltFieldIsFoundByTheModelCheck() {
        var doc = Chart.render().agents().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) Rendered.podSpec(doc)).put("terminationGracePeriod", 5);
        assertThat(KubernetesModel.unknownFields(doc)).containsExactly("apps/v1/StatefulSet.Spec.Template.Spec.terminationGracePeriod");
    }

    @Test
    void anEmptyKafkaAddressIsRefusedWithTheValueToSet() {
        assertThatThrownBy(() -> Chart.render("kafka: {bootstrapServers: \"\"}"))
                .hasMessageContaining("kafka.bootstrapServers is required");
    }
}
