package dev.stagefarm.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.archive.TarHeader;
import dev.stagefarm.archive.TarWriter;
import dev.stagefarm.cli.StagefarmCommand;
import dev.stagefarm.cli.testing.ClosedPort;
import dev.stagefarm.cli.testing.RecordedCoordinator;
import dev.stagefarm.cli.testing.Recordings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code stagefarm build} from the command line to a local HTTP server that answers with recorded
 * coordinator responses: the request it sends, what it prints, its exit code. Slow-ish (a second
 * or two: real connections and the reconnection back-off).
 */
class BuildCommandTest {
    @TempDir
    Path temp;
    Path context;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void context() throws IOException {
        context = Files.createDirectories(temp.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox AS base\nFROM base AS builder\nFROM base AS runtime\n");
        Files.writeString(context.resolve("index.html"), "<h1>hi</h1>\n");
    }

    int run(String... args) {
        CommandLine cli = new CommandLine(new StagefarmCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private RecordedCoordinator succeeding() throws IOException {
        return new RecordedCoordinator(temp).onCreate(Recordings.buildJson("three-stages-created"))
                .onGet("b-3f2a", Recordings.buildJson("three-stages-succeeded"))
                .stream(Recordings.sse("three-stages-succeed"));
    }

    @Test
    void detachPrintsTheBuildIdAndDoesNotFollow() throws IOException {
        try (RecordedCoordinator coordinator = succeeding()) {
            int exit = run("build", "--server", coordinator.uri().toString(), "--detach", "-t", "app:1.0", context.toString());

            assertThat(exit).isZero();
            assertThat(out.toString()).isEqualTo("b-3f2a\n");
            assertThat(coordinator.requests("GET", "/api/v1/builds/b-3f2a/events")).isEmpty();
            String body = coordinator.requests("POST", "/api/v1/builds").get(0).bodyText();
            assertThat(body).contains("\"dockerfile\":\"Dockerfile\"", "\"tags\":[\"app:1.0\"]");
        }
    }

    @Test
    void plainBuildFollowsEventsAndEndsWithTheSummary() throws IOException {
        try (RecordedCoordinator coordinator = succeeding()) {
            int exit = run("build", "--server", coordinator.uri().toString(), "--progress", "plain", context.toString());

            assertThat(exit).isZero();
            assertThat(err.toString()).contains("[builder] step 2/3 RUN npm ci", "Build b-3f2a SUCCEEDED in 6.3s",
                    "Image: app:1.0 sha256:c0c0").doesNotContain("\u001b");
        }
    }

    @Test
    void quietBuildPrintsOnlyTheImageDigest() throws IOException {
        try (RecordedCoordinator coordinator = succeeding()) {
            int exit = run("build", "--server", coordinator.uri().toString(), "--progress", "quiet", context.toString());

            assertThat(exit).isZero();
            assertThat(out.toString()).isEqualTo("sha256:" + "c0".repeat(32) + "\n");
            assertThat(err.toString()).isEmpty();
        }
    }

    @Test
    void rawjsonPrintsEveryEventAsOneJsonLine() throws IOException {
        try (RecordedCoordinator coordinator = succeeding()) {
            run("build", "--server", coordinator.uri().toString(), "--progress", "rawjson", context.toString());

            assertThat(err.toString().lines().filter(l -> l.startsWith("{\"seq\":"))).hasSize(24);
        }
    }

    @Test
    void failedBuildExitsWithTheCodesStatusAndShowsTheFailingStepAndLogTail() throws IOException {
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)
                .onCreate(Recordings.buildJson("retry-then-fail-created"))
                .onGet("b-77e1", Recordings.buildJson("retry-then-fail-failed"))
                .stream(Recordings.sse("retry-then-fail"))) {
            int exit = run("build", "--server", coordinator.uri().toString(), "--progress", "plain", context.toString());

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("ERROR: RUN_EXIT_NONZERO (stage test): RUN npm test exited with 1",
                    "failing step: RUN npm test", "  | FAIL src/app.test.js");
        }
    }

    @Test
    void unreachableCoordinatorIsOneLineWithoutStackTrace() throws IOException {
        String server = ClosedPort.url().toString();

        int exit = run("build", "--server", server, context.toString());

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("stagefarm: cannot reach the coordinator at " + server
                + ": connection refused; start the local farm with `bin/stagefarm local up`\n");
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        int exit = run("build", "--verbose", "--server", ClosedPort.url().toString(), context.toString());

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).contains("java.net.ConnectException");
    }

    @Test
    void pushWithoutATagIsRefusedBeforeAnyUpload() throws IOException {
        try (RecordedCoordinator coordinator = succeeding()) {
            int exit = run("build", "--server", coordinator.uri().toString(), "--push", context.toString());

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).contains("a push needs a tag naming the registry and repository: add -t")
                    .doesNotContain("Exception");
            assertThat(coordinator.requests()).isEmpty();
        }
    }

    @Test
    void dockerfileOutsideTheContextIsRefusedBeforeAnyUpload() throws IOException {
        Path outside = Files.writeString(temp.resolve("Other.Dockerfile"), "FROM busybox\n");
        try (RecordedCoordinator coordinator = succeeding()) {
            int exit = run("build", "--server", coordinator.uri().toString(), "-f", outside.toString(), context.toString());

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).contains("lies outside the build context");
            assertThat(coordinator.requests()).isEmpty();
        }
    }

    @Test
    void dockerfileFlagIsSentAsItsPathInsideTheContext() throws IOException {
        Files.createDirectories(context.resolve("docker"));
        Files.writeString(context.resolve("docker/web.Dockerfile"), "FROM busybox\n");
        try (RecordedCoordinator coordinator = succeeding()) {
            run("build", "--server", coordinator.uri().toString(), "--detach", "-f",
                    context.resolve("docker/web.Dockerfile").toString(), context.toString());

            assertThat(coordinator.requests("POST", "/api/v1/builds").get(0).bodyText())
                    .contains("\"dockerfile\":\"docker/web.Dockerfile\"");
        }
    }

    @Test
    void localOutputExtractsTheTargetFilesystemIntoTheDirectory() throws IOException {
        Path dest = temp.resolve("out");
        try (RecordedCoordinator coordinator = succeeding().download("filesystem", tarWith("usr/share/nginx/html/index.html",
                "<h1>hi</h1>\n"))) {
            int exit = run("build", "--server", coordinator.uri().toString(), "--progress", "plain", "-o",
                    "type=local,dest=" + dest, context.toString());

            assertThat(exit).isZero();
            assertThat(dest.resolve("usr/share/nginx/html/index.html")).hasContent("<h1>hi</h1>");
            assertThat(coordinator.requests("POST", "/api/v1/builds").get(0).bodyText()).contains("\"outputs\":[\"type=local\"]");
        }
    }

    @Test
    void dockerOutputWithDestWritesTheImageTar() throws IOException {
        byte[] image = tarWith("manifest.json", "[]");
        Path dest = temp.resolve("image.tar");
        try (RecordedCoordinator coordinator = succeeding().download("image", image)) {
            int exit = run("build", "--server", coordinator.uri().toString(), "--progress", "plain", "-o",
                    "type=docker,dest=" + dest, context.toString());

            assertThat(exit).isZero();
            assertThat(dest).hasBinaryContent(image);
        }
    }

    static byte[] tarWith(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(bytes);
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        tar.write(TarHeader.file(name, 0644, data.length), new ByteArrayInputStream(data));
        tar.finish();
        return bytes.toByteArray();
    }
}
