package dev.stagefarm.dockerfile.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagefarm.failure.StagefarmException;
import org.junit.jupiter.api.Test;

class RawDockerfileJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void rendersTheContractObject() throws Exception {
        RawDockerfile file = DockerfileParser.parse("Dockerfile",
                "# syntax=docker/dockerfile:1\nFROM node AS build\nCOPY --from=build \\\n  <<EOF /dst\nhi\nEOF\nONBUILD RUN x\n");
        JsonNode root = MAPPER.readTree(RawDockerfileJson.render("dir/Dockerfile", file));
        assertThat(root.get("file").asText()).isEqualTo("dir/Dockerfile");
        assertThat(root.get("escape").asText()).isEqualTo("\\");
        assertThat(root.at("/directives/syntax").asText()).isEqualTo("docker/dockerfile:1");
        assertThat(root.at("/directives/check").isNull()).isTrue();
        assertThat(root.get("warnings")).isEmpty();
        JsonNode copy = root.at("/instructions/1");
        assertThat(copy.get("keyword").asText()).isEqualTo("COPY");
        assertThat(copy.get("flags").get(0).asText()).isEqualTo("--from=build");
        assertThat(copy.get("args")).hasSize(2);
        assertThat(copy.get("json").asBoolean()).isFalse();
        assertThat(copy.get("startLine").asInt()).isEqualTo(3);
        assertThat(copy.get("endLine").asInt()).isEqualTo(6);
        assertThat(copy.at("/heredocs/0/name").asText()).isEqualTo("EOF");
        assertThat(copy.at("/heredocs/0/content").asText()).isEqualTo("hi\n");
        assertThat(copy.at("/heredocs/0/fileDescriptor").asInt()).isZero();
        assertThat(copy.get("onbuild").isNull()).isTrue();
        assertThat(root.at("/instructions/2/onbuild/keyword").asText()).isEqualTo("RUN");
        assertThat(root.at("/instructions/2/onbuild/args/0").asText()).isEqualTo("x");
    }

    @Test
    void rendersAnErrorWithItsLine() throws Exception {
        StagefarmException error = null;
        try {
            DockerfileParser.parse("Dockerfile", "FROM x\nENV PATH\n");
        } catch (StagefarmException e) {
            error = e;
        }
        JsonNode root = MAPPER.readTree(RawDockerfileJson.renderError("Dockerfile", error));
        assertThat(root.at("/error/message").asText()).isEqualTo("ENV must have two arguments");
        assertThat(root.at("/error/line").asInt()).isEqualTo(2);
    }

    @Test
    void writesInvalidBytesAsReplacementCharacters() throws Exception {
        RawDockerfile file = DockerfileParser.parse("Dockerfile",
                new java.io.ByteArrayInputStream(new byte[] {'R', 'U', 'N', ' ', (byte) 0xC3, '\n'}));
        JsonNode root = MAPPER.readTree(RawDockerfileJson.render("Dockerfile", file));
        assertThat(root.at("/instructions/0/args/0").asText()).isEqualTo("\uFFFD");
    }
}
