package dev.stagefarm.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.cli.api.CoordinatorClient;
import dev.stagefarm.cli.api.EventFollower;
import dev.stagefarm.cli.progress.ProgressMode;
import dev.stagefarm.cli.progress.ProgressPrinter;
import dev.stagefarm.cli.testing.ClosedPort;
import dev.stagefarm.cli.testing.RecordedCoordinator;
import dev.stagefarm.cli.testing.Recordings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C without a terminal: the build is cancelled on the farm (a real HTTP request). */
class InterruptPromptTest {
    @TempDir
    Path temp;

    @Test
    void interruptWithoutTerminalCancelsTheBuild() throws IOException {
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)
                .onCancel(Recordings.buildJson("retry-then-fail-failed").replace("\"FAILED\"", "\"CANCELLED\""))) {
            CoordinatorClient client = new CoordinatorClient(coordinator.uri());
            StringWriter err = new StringWriter();
            InterruptPrompt prompt = new InterruptPrompt(client, "b-77e1", new EventFollower(client, 1, Duration.ZERO),
                    ProgressPrinter.of(ProgressMode.plain, new PrintWriter(new StringWriter()), new PrintWriter(err), 80),
                    new PrintWriter(err, true), false);

            prompt.interrupted();

            assertThat(coordinator.requests("POST", "/api/v1/builds/b-77e1/cancel")).hasSize(1);
            assertThat(err.toString()).startsWith("interrupted: cancelling build b-77e1");
            assertThat(prompt.detached()).isFalse();
        }
    }

    @Test
    void cancelThatCannotReachTheCoordinatorDetachesWithTheReason() throws IOException {
        CoordinatorClient client = new CoordinatorClient(ClosedPort.url());
        StringWriter err = new StringWriter();
        InterruptPrompt prompt = new InterruptPrompt(client, "b-77e1", new EventFollower(client, 1, Duration.ZERO),
                ProgressPrinter.of(ProgressMode.plain, new PrintWriter(new StringWriter()), new PrintWriter(err), 80),
                new PrintWriter(err, true), false);

        prompt.interrupted();

        assertThat(prompt.detached()).isTrue();
        assertThat(err.toString()).contains("could not cancel build b-77e1: cannot reach the coordinator");
    }
}
