package dev.stagefarm.agent.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageConfigJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyFieldSurvivesWriteThenRead() {
        ImageConfig config = ImageConfig.scratch().withCmd(List.of("run")).withEntrypoint(List.of("/e"))
                .withWorkingDir("/w").withUser("1000:1000").withLabel("k", "v").withExposedPort("80/tcp")
                .withVolume("/data").withHealthcheck(new Healthcheck(List.of("CMD", "true"), 1, 2, 3, 4, 5))
                .withStopSignal("SIGQUIT").withOnBuild("RUN x").withShell(List.of("/bin/bash", "-c"));
        ObjectNode node = ImageConfigJson.write(config, JSON.createObjectNode());
        assertThat(ImageConfigJson.read(node)).isEqualTo(config);
        assertThat(node.get("ExposedPorts").get("80/tcp").isObject()).isTrue();
    }

    @Test
    void unsetEntrypointIsWrittenAsEmptyArraySoTheDaemonNeverFillsIt() throws Exception {
        ObjectNode node = ImageConfigJson.write(ImageConfig.empty(), JSON.createObjectNode());
        assertThat(node.get("Entrypoint").isArray()).isTrue();
        assertThat(node.get("Entrypoint")).isEmpty();
        assertThat(node.get("Cmd").isNull()).isTrue();
        assertThat(ImageConfigJson.read(JSON.readTree("{\"Env\":[\"A=1\"]}")).env()).containsExactly("A=1");
    }
}
