package dev.stagefarm.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.archive.TarEntryReader;
import dev.stagefarm.archive.TarHeader;
import dev.stagefarm.cli.api.CoordinatorClient;
import dev.stagefarm.cli.testing.RecordedCoordinator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packing honours .dockerignore; uploads go over real HTTP to a local server that checks the digest. */
class ContextUploadTest {
    @TempDir
    Path temp;

    private Path context() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("app"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nCOPY . /app\n");
        Files.writeString(dir.resolve(".dockerignore"), "node_modules\n*.log\n!keep.log\nDockerfile\n");
        Files.createDirectories(dir.resolve("node_modules/left"));
        Files.writeString(dir.resolve("node_modules/left/index.js"), "module.exports = 1\n");
        Files.writeString(dir.resolve("debug.log"), "noise\n");
        Files.writeString(dir.resolve("keep.log"), "kept\n");
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/main.js"), "console.log('hi')\n");
        return dir;
    }

    static List<String> names(Path tar) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tar);
                TarEntryReader reader = new TarEntryReader(in, TarEntryReader.TarPolicy.CONTEXT)) {
            TarHeader header;
            while ((header = reader.next()) != null) {
                names.add(header.name());
            }
        }
        return names;
    }

    @Test
    void uploadsTheContextWithoutIgnoredFilesButWithTheDockerfile() throws IOException {
        Path context = context();
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)) {
            StringWriter err = new StringWriter();
            ContextUpload upload = new ContextUpload(new CoordinatorClient(coordinator.uri()), new PrintWriter(err), false,
                    Clock.systemUTC());

            ContextUpload.Sent sent = upload.send(context, "Dockerfile");

            assertThat(sent.uploaded()).isTrue();
            Path stored = coordinator.storedContext(sent.context().digest().hex());
            assertThat(names(stored)).contains("Dockerfile", ".dockerignore", "keep.log", "src/main.js")
                    .noneMatch(n -> n.startsWith("node_modules") || n.equals("debug.log"));
            assertThat(sent.context().manifest().hiddenFromBuild()).containsExactly("Dockerfile");
            assertThat(Files.size(stored)).isEqualTo(sent.context().size());
        }
    }

    @Test
    void contextTheFarmAlreadyHasIsNotUploadedAgain() throws IOException {
        Path context = context();
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)) {
            CoordinatorClient client = new CoordinatorClient(coordinator.uri());
            StringWriter err = new StringWriter();
            ContextUpload upload = new ContextUpload(client, new PrintWriter(err, true), false, Clock.systemUTC());

            ContextUpload.Sent first = upload.send(context, "Dockerfile");
            ContextUpload.Sent second = upload.send(context, "Dockerfile");

            assertThat(second.uploaded()).isFalse();
            assertThat(second.context().digest()).isEqualTo(first.context().digest());
            assertThat(coordinator.requests("PUT", "/api/v1/contexts/")).hasSize(1);
            assertThat(coordinator.requests("HEAD", "/api/v1/contexts/")).hasSize(2);
            assertThat(err.toString()).contains("is already on the farm");
        }
    }

    @Test
    void largeContextShowsUploadProgressWithoutEscapeCodesWhenNotATerminal() throws IOException {
        Path context = context();
        byte[] block = new byte[64 * 1024];
        new java.util.Random(1).nextBytes(block);
        try (var out = Files.newOutputStream(context.resolve("src/blob.bin"))) {
            for (int i = 0; i < 40; i++) {
                out.write(block);
            }
        }
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)) {
            StringWriter err = new StringWriter();
            new ContextUpload(new CoordinatorClient(coordinator.uri()), new PrintWriter(err, true), false, Clock.systemUTC())
                    .send(context, "Dockerfile");

            assertThat(err.toString()).contains("uploading context (2.5 MiB)", "uploaded context (2.5 MiB)")
                    .doesNotContain("\u001b").doesNotContain("\r");
        }
    }

    @org.junit.jupiter.api.Test
    void uploadBarShowsShareAndSizes() {
        assertThat(UploadBar.render(512 * 1024, 2 * 1024 * 1024))
                .isEqualTo("uploading context [=======>                      ] 25% 512.0 KiB / 2.0 MiB");
    }
}
