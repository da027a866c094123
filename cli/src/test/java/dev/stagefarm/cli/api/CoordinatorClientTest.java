package dev.stagefarm.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.cli.testing.ClosedPort;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class CoordinatorClientTest {

    @Test
    void refusedConnectionIsOneLineNamingTheServerAndHowToStartTheFarm() throws IOException {
        URI server = ClosedPort.url();
        CoordinatorClient client = new CoordinatorClient(server);

        assertThatThrownBy(() -> client.build("b-1"))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.COORDINATOR_UNREACHABLE);
                    assertThat(e.getMessage()).isEqualTo("cannot reach the coordinator at " + server
                            + ": connection refused; start the local farm with `bin/stagefarm local up`");
                });
    }

    @Test
    void trailingSlashOfTheServerIsIgnored() throws IOException {
        URI server = ClosedPort.url();

        assertThat(new CoordinatorClient(URI.create(server + "/")).server()).isEqualTo(server);
    }
}
