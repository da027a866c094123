package dev.stagefarm.cli.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.cli.api.ApiJson;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Table tests: {@code stagefarm build} flags, as picocli parses them, to the request JSON. */
class BuildRequestsTest {
    private static final String DIGEST = "ab".repeat(32);
    private static final Map<String, String> ENV = Map.of("NPM_TOKEN", "secret-from-env");
    private static final String BASE = "{\"contextDigest\":\"" + DIGEST + "\",\"dockerfile\":\"Dockerfile\",";

    static Stream<Arguments> flagsToJson() {
        return Stream.of(
                Arguments.of("no flags", new String[] {"."},
                        BASE + "\"target\":null,\"buildArgs\":{},\"platform\":null,\"tags\":[],\"outputs\":[],\"noCache\":false,\"labels\":{}}"),
                Arguments.of("tags target platform no-cache", new String[] {"-t", "app:1.0", "--tag", "registry:5000/team/app",
                        "--target", "builder", "--platform", "linux/arm64/v8", "--no-cache", "."},
                        BASE + "\"target\":\"builder\",\"buildArgs\":{},\"platform\":\"linux/arm64/v8\",\"tags\":[\"app:1.0\",\"registry:5000/team/app\"],\"outputs\":[],\"noCache\":true,\"labels\":{}}"),
                Arguments.of("build args, one from the environment, one unset and dropped", new String[] {"--build-arg", "A=1",
                        "--build-arg", "NPM_TOKEN", "--build-arg", "UNSET_IN_ENV", "--build-arg", "EMPTY=", "--build-arg", "EQ=a=b", "."},
                        BASE + "\"target\":null,\"buildArgs\":{\"A\":\"1\",\"NPM_TOKEN\":\"secret-from-env\",\"EMPTY\":\"\",\"EQ\":\"a=b\"},\"platform\":null,\"tags\":[],\"outputs\":[],\"noCache\":false,\"labels\":{}}"),
                Arguments.of("labels", new String[] {"--label", "team=web", "--label", "flag", "."},
                        BASE + "\"target\":null,\"buildArgs\":{},\"platform\":null,\"tags\":[],\"outputs\":[],\"noCache\":false,\"labels\":{\"team\":\"web\",\"flag\":\"\"}}"),
                Arguments.of("push and load", new String[] {"--push", "--load", "-t", "127.0.0.1:5000/team/app:1", "."},
                        BASE + "\"target\":null,\"buildArgs\":{},\"platform\":null,\"tags\":[\"127.0.0.1:5000/team/app:1\"],\"outputs\":[\"type=image,push=true\",\"type=docker\"],\"noCache\":false,\"labels\":{}}"),
                Arguments.of("push as an output, and --push with it sent once", new String[] {"-o", "type=image,push=true",
                        "--push", "-t", "127.0.0.1:5000/team/app:1", "-t", "127.0.0.1:5000/team/app:latest", "."},
                        BASE + "\"target\":null,\"buildArgs\":{},\"platform\":null,\"tags\":[\"127.0.0.1:5000/team/app:1\",\"127.0.0.1:5000/team/app:latest\"],\"outputs\":[\"type=image,push=true\"],\"noCache\":false,\"labels\":{}}"),
                Arguments.of("an image output that does not push needs no tag", new String[] {"-o", "type=image", "."},
                        BASE + "\"target\":null,\"buildArgs\":{},\"platform\":null,\"tags\":[],\"outputs\":[\"type=image\"],\"noCache\":false,\"labels\":{}}"),
                Arguments.of("outputs keep dest on the client", new String[] {"-o", "type=local,dest=out", "--output", "dist",
                        "-o", "type=docker,dest=img.tar", "-o", "type=registry", "-o", "type=tar,dest=fs.tar", "-t", "reg:5000/app", "."},
                        BASE + "\"target\":null,\"buildArgs\":{},\"platform\":null,\"tags\":[\"reg:5000/app\"],\"outputs\":[\"type=local\",\"type=docker\",\"type=image,push=true\",\"type=tar\"],\"noCache\":false,\"labels\":{}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void flagsToJson(String name, String[] args, String json) throws Exception {
        BuildCommand command = new BuildCommand();
        new CommandLine(command).parseArgs(args);

        String actual = ApiJson.MAPPER.writeValueAsString(BuildRequests.of(command.flags(), DIGEST, "Dockerfile", ENV));

        assertThat(actual).isEqualTo(json);
    }

    static Stream<Arguments> invalidFlags() {
        return Stream.of(
                Arguments.of(new String[] {"-t", "App:1.0", "."}, FailureCode.BAD_REQUEST, "--tag App:1.0"),
                Arguments.of(new String[] {"-t", "app:bad tag", "."}, FailureCode.BAD_REQUEST, "--tag app:bad tag"),
                Arguments.of(new String[] {"--platform", "linux", "."}, FailureCode.BAD_PLATFORM, "--platform linux"),
                Arguments.of(new String[] {"--platform", "linux/amd64,linux/arm64", "."}, FailureCode.BAD_PLATFORM,
                        "--platform linux/amd64,linux/arm64"),
                Arguments.of(new String[] {"--build-arg", "=x", "."}, FailureCode.BAD_BUILD_ARG, "--build-arg =x"),
                Arguments.of(new String[] {"-o", "type=local", "."}, FailureCode.BAD_REQUEST, "--output type=local"),
                Arguments.of(new String[] {"-o", "type=oci,dest=x", "."}, FailureCode.BAD_REQUEST, "--output type=oci,dest=x"),
                Arguments.of(new String[] {"-o", "dest=x", "."}, FailureCode.BAD_REQUEST, "--output dest=x"),
                Arguments.of(new String[] {"--push", "."}, FailureCode.BAD_REQUEST, "--push"),
                Arguments.of(new String[] {"-o", "type=registry", "."}, FailureCode.BAD_REQUEST,
                        "--output type=image,push=true"),
                Arguments.of(new String[] {"-o", "type=image,push=true", "."}, FailureCode.BAD_REQUEST,
                        "--output type=image,push=true"));
    }

    @org.junit.jupiter.api.Test
    void pushWithoutATagSaysWhatToAdd() {
        BuildCommand command = new BuildCommand();
        new CommandLine(command).parseArgs("--push", ".");

        assertThatThrownBy(() -> BuildRequests.of(command.flags(), DIGEST, "Dockerfile", ENV))
                .hasMessage("a push needs a tag naming the registry and repository: add -t REGISTRY/NAME:TAG "
                        + "(e.g. -t 127.0.0.1:5000/team/app:1)");
    }

    @ParameterizedTest
    @MethodSource
    void invalidFlags(String[] args, FailureCode code, String subject) {
        BuildCommand command = new BuildCommand();
        new CommandLine(command).parseArgs(args);

        assertThatThrownBy(() -> BuildRequests.of(command.flags(), DIGEST, "Dockerfile", ENV))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.subject()).isEqualTo(subject);
                });
    }
}
