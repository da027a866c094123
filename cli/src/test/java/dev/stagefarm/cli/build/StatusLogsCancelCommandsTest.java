package dev.stagefarm.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.cli.StagefarmCommand;
import dev.stagefarm.cli.testing.RecordedCoordinator;
import dev.stagefarm.cli.testing.Recordings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code status}, {@code logs} and {@code cancel} over real HTTP against recorded answers. */
class StatusLogsCancelCommandsTest {
    @TempDir
    Path temp;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cli = new CommandLine(new StagefarmCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void statusOfAFinishedBuildIsItsSummary() throws IOException {
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)
                .onGet("b-77e1", Recordings.buildJson("retry-then-fail-failed"))) {
            int exit = run("status", "--server", coordinator.uri().toString(), "b-77e1");

            assertThat(exit).isZero();
            assertThat(out.toString()).startsWith("Build b-77e1 FAILED")
                    .contains("  test  agent-b  failed", "ERROR: RUN_EXIT_NONZERO (stage test)");
        }
    }

    @Test
    void statusOfAnUnknownBuildExitsWithTheInputCode() throws IOException {
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)) {
            int exit = run("status", "--server", coordinator.uri().toString(), "nope");

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).isEqualTo("stagefarm: no build with id nope\n");
        }
    }

    @Test
    void logsPrintEveryStagesLinesWithItsName() throws IOException {
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)
                .onGet("b-3f2a", Recordings.buildJson("three-stages-succeeded"))
                .stream(Recordings.sse("three-stages-succeed"))) {
            int exit = run("logs", "--server", coordinator.uri().toString(), "b-3f2a");

            assertThat(exit).isZero();
            assertThat(out.toString()).startsWith("builder | added 120 packages\n")
                    .contains("builder | audited 121 packages\n", "builder | building for production...\n");
        }
    }

    @Test
    void statusOfASucceededBuildCountsTheStepsOfItsBuiltStages() throws IOException {
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)
                .onGet("b-3f2a", Recordings.buildJson("three-stages-succeeded"))) {
            int exit = run("status", "--server", coordinator.uri().toString(), "b-3f2a");

            assertThat(exit).isZero();
            assertThat(out.toString()).startsWith("Build b-3f2a SUCCEEDED").contains("3 steps")
                    .doesNotContain("0 steps");
        }
    }

    @Test
    void logsNameAStageWithoutANameAsBuildKitDoes() throws IOException {
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)
                .onGet("b-3f2a", Recordings.buildJson("three-stages-succeeded")
                        .replace("\"name\": \"builder\"", "\"name\": null"))
                .stream(Recordings.sse("three-stages-succeed"))) {
            int exit = run("logs", "--server", coordinator.uri().toString(), "b-3f2a");

            assertThat(exit).isZero();
            assertThat(out.toString()).startsWith("stage-1 | added 120 packages\n");
        }
    }

    @Test
    void logsOfOneStageAreItsRawText() throws IOException {
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)
                .onGet("b-77e1", Recordings.buildJson("retry-then-fail-failed"))
                .stream(Recordings.sse("retry-then-fail"))) {
            run("logs", "--server", coordinator.uri().toString(), "--stage", "test", "b-77e1");

            assertThat(out.toString()).isEqualTo("> jest\nFAIL src/app.test.js\n  expected 2, received 3\n");
        }
    }

    @Test
    void logsOfAnUnknownStageListTheStages() throws IOException {
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)
                .onGet("b-77e1", Recordings.buildJson("retry-then-fail-failed"))) {
            int exit = run("logs", "--server", coordinator.uri().toString(), "--stage", "lint", "b-77e1");

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).isEqualTo("stagefarm: stage `lint` not found; stages are: deps, test\n");
        }
    }

    @Test
    void cancelPostsTheRequestAndPrintsTheNewState() throws IOException {
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)
                .onCancel(Recordings.buildJson("retry-then-fail-failed").replace("\"FAILED\"", "\"CANCELLED\""))) {
            int exit = run("cancel", "--server", coordinator.uri().toString(), "b-77e1");

            assertThat(exit).isZero();
            assertThat(out.toString()).isEqualTo("build b-77e1: CANCELLED\n");
            assertThat(coordinator.requests("POST", "/api/v1/builds/b-77e1/cancel")).hasSize(1);
        }
    }
}
