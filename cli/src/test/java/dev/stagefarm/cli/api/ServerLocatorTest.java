package dev.stagefarm.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLocatorTest {
    @TempDir
    Path checkout;

    private Path farmEnv(String content) throws IOException {
        Path file = checkout.resolve(".stagefarm/local/farm.env");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    @Test
    void flagWinsOverEnvironmentAndFarmState() throws IOException {
        farmEnv("COORDINATOR_URL=http://127.0.0.1:9999\n");

        assertThat(ServerLocator.locate("http://farm:8080", Map.of(ServerLocator.ENV, "http://env:1"), List.of(checkout)))
                .isEqualTo(URI.create("http://farm:8080"));
    }

    @Test
    void environmentWinsOverFarmState() throws IOException {
        farmEnv("COORDINATOR_URL=http://127.0.0.1:9999\n");

        assertThat(ServerLocator.locate(null, Map.of(ServerLocator.ENV, "http://env:1"), List.of(checkout)))
                .isEqualTo(URI.create("http://env:1"));
    }

    @Test
    void localFarmStateIsFoundFromASubdirectoryOfTheCheckout() throws IOException {
        farmEnv("# written by the local farm\nKAFKA=127.0.0.1:1\nexport COORDINATOR_URL=\"http://127.0.0.1:18080\"\n");
        Path deep = Files.createDirectories(checkout.resolve("apps/web"));

        assertThat(ServerLocator.locate(null, Map.of(), List.of(deep))).isEqualTo(URI.create("http://127.0.0.1:18080"));
    }

    @Test
    void farmStateWithoutCoordinatorSaysHowToStartTheFarm() throws IOException {
        farmEnv("KAFKA=127.0.0.1:1\n");

        assertThatThrownBy(() -> ServerLocator.locate(null, Map.of(), List.of(checkout)))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.COORDINATOR_UNREACHABLE);
                    assertThat(e.getMessage()).contains("bin/stagefarm local up");
                });
    }

    @Test
    void localFarmStateFolderFromTheEnvironmentIsReadFirst() throws IOException {
        farmEnv("COORDINATOR_URL=http://127.0.0.1:18080\n");
        Path elsewhere = Files.createDirectories(checkout.resolve("elsewhere/state"));
        Files.writeString(elsewhere.resolve("farm.env"), "COORDINATOR_URL=http://127.0.0.1:28080\n");

        assertThat(ServerLocator.locate(null, Map.of("STAGEFARM_LOCAL_DIR", elsewhere.toString()), List.of(checkout)))
                .isEqualTo(URI.create("http://127.0.0.1:28080"));
    }

    @Test
    void withoutAnySettingTheDefaultIsLoopback8080() {
        assertThat(ServerLocator.locate(null, Map.of(), List.of(checkout))).isEqualTo(URI.create("http://127.0.0.1:8080"));
    }

    @Test
    void serverThatIsNotAnHttpUrlIsRefused() {
        assertThatThrownBy(() -> ServerLocator.locate("farm:8080", Map.of(), List.of()))
                .isInstanceOfSatisfying(StagefarmException.class,
                        e -> assertThat(e.code()).isEqualTo(FailureCode.BAD_REQUEST));
    }
}
