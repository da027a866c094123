package dev.stagefarm.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagefarm.dockerfile.syntax.DockerfileParser;
import dev.stagefarm.plan.render.PlanJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plans the project's own corpus of real multi-stage Dockerfiles (see {@code corpus/SOURCES.md})
 * and compares every stage's base, dependencies, copies, mounts, expanded copy sources and every
 * target with the hand-checked expectation next to it.
 */
class CorpusPlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] STAGE_FIELDS = {"index", "name", "base", "platform", "dependsOn", "copiesFrom",
        "copiesFromImages", "mountsFrom", "expandedCopies"};

    static Stream<Path> dockerfiles() throws IOException, URISyntaxException {
        Path dir = Path.of(CorpusPlanTest.class.getResource("/corpus").toURI());
        return Files.list(dir).filter(p -> p.toString().endsWith(".Dockerfile")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void planMatchesTheHandCheckedExpectation(Path dockerfile) throws IOException {
        String name = dockerfile.getFileName().toString();
        JsonNode expected = JSON.readTree(dockerfile.resolveSibling(name.replace(".Dockerfile", ".expected.json")).toFile());
        BuildPlan plan = Planner.plan(DockerfileParser.parse(name, dockerfile), PlanOptions.defaults().withAllTargets());
        JsonNode actual = JSON.readTree(PlanJson.render(plan, true));

        assertThat(actual.get("stages")).hasSameSizeAs(expected.get("stages"));
        for (int i = 0; i < expected.get("stages").size(); i++) {
            assertThat(select(actual.get("stages").get(i))).as("%s stage %d", name, i)
                    .isEqualTo(select(expected.get("stages").get(i)));
        }
        assertThat(actual.get("targets")).as("%s targets", name).isEqualTo(expected.get("targets"));

        JsonNode arm64 = expected.get("arm64");
        if (arm64 != null) {
            BuildPlan armPlan = Planner.plan(DockerfileParser.parse(name, dockerfile),
                    new PlanOptions(null, Map.of(), Platform.parse(arm64.get("platform").asText()), false));
            assertThat((JsonNode) JSON.valueToTree(armPlan.targets().get("default"))).isEqualTo(arm64.get("default"));
            Iterator<String> fields = arm64.fieldNames();
            while (fields.hasNext()) {
                String field = fields.next();
                if (field.startsWith("base")) {
                    int index = Integer.parseInt(field.substring(4));
                    StageBase.Stage base = (StageBase.Stage) armPlan.stage(index).base();
                    assertThat(base.name()).isEqualTo(arm64.get(field).get("stage").asText());
                }
            }
        }
    }

    private static ObjectNode select(JsonNode stage) {
        ObjectNode out = JSON.createObjectNode();
        for (String field : STAGE_FIELDS) {
            out.set(field, stage.get(field) == null ? JSON.createArrayNode() : stage.get(field));
        }
        return out;
    }
}
