package dev.stagefarm.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PushTargetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "127.0.0.1:5000/team/app:1, 127.0.0.1:5000, 127.0.0.1:5000/team/app, 1",
            "127.0.0.1:5000/team/app, 127.0.0.1:5000, 127.0.0.1:5000/team/app, latest",
            "registry.example/app:v1.2, registry.example, registry.example/app, v1.2",
            "localhost/app, localhost, localhost/app, latest",
            "team/app:1, docker.io, team/app, 1",
            "app, docker.io, app, latest"})
    void referenceSplitsAsTheDockerCliReadsIt(String reference, String registry, String repository, String tag) {
        assertThat(PushTarget.parse(reference)).isEqualTo(new PushTarget(registry, repository, tag));
    }

    @Test
    void pushedNamesTheRepositoryWithTheManifestDigest() {
        assertThat(PushTarget.parse("127.0.0.1:5000/team/app:1").pushed("sha256:ab"))
                .isEqualTo("127.0.0.1:5000/team/app@sha256:ab");
    }

    @Test
    void refusalOfTheRegistryIsADeniedBuildFailureNamingIt() {
        StagefarmException e = PushTarget.parse("registry.example/team/app:1")
                .failure("unauthorized: authentication required");
        assertThat(e.code()).isEqualTo(FailureCode.REGISTRY_DENIED);
        assertThat(e.code().retriable()).isFalse();
        assertThat(e.subject()).isEqualTo("registry registry.example");
        assertThat(e.getMessage()).isEqualTo(
                "pushing registry.example/team/app:1 to registry.example failed: unauthorized: authentication required");
        assertThat(PushTarget.parse("team/app").failure("denied: requested access to the resource is denied").code())
                .isEqualTo(FailureCode.REGISTRY_DENIED);
    }

    @Test
    void registryThatCannotBeReachedIsRetriable() {
        StagefarmException e = PushTarget.parse("127.0.0.1:5999/app:1").failure(
                "Get \"http://127.0.0.1:5999/v2/\": dial tcp 127.0.0.1:5999: connect: connection refused");
        assertThat(e.code()).isEqualTo(FailureCode.REGISTRY_UNREACHABLE);
        assertThat(e.code().retriable()).isTrue();
        assertThat(e.subject()).isEqualTo("registry 127.0.0.1:5999");
    }

    @Test
    void digestReferenceIsRefusedAsNothingToPushTo() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PushTarget.parse("app@sha256:ab"))
                .isInstanceOfSatisfying(StagefarmException.class,
                        e -> assertThat(e.code()).isEqualTo(FailureCode.BAD_REQUEST));
    }
}
