package dev.stagefarm.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextWalkerTest {
    @TempDir
    Path ctx;

    private void write(String rel) throws IOException {
        Path file = ctx.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, rel);
    }

    private List<String> walk(String... patterns) throws IOException {
        return new ContextWalker(DockerIgnore.of(List.of(patterns))).walk(ctx).stream().map(ContextEntry::path).toList();
    }

    @Test
    void walksInGoWalkDirOrder() throws IOException {
        write("a.txt");
        write("a/b");
        write("B");
        write("a-b/c");

        assertThat(walk()).containsExactly("B", "a", "a/b", "a-b", "a-b/c", "a.txt");
    }

    @Test
    void doesNotEnterExcludedDirectoryWithoutExceptions() throws IOException {
        write("node_modules/x/index.js");
        write("src/app.js");

        assertThat(walk("node_modules")).containsExactly("src", "src/app.js");
    }

    @Test
    void reincludedFileComesWithoutItsExcludedDirectory() throws IOException {
        write("docs/a.md");
        write("docs/sub/keep.md");
        write("docs/sub/drop.md");

        assertThat(walk("docs", "!docs/sub/keep.md")).containsExactly("docs/sub/keep.md");
    }

    @Test
    void wildcardExceptionDoesNotOpenExcludedDirectory() throws IOException {
        write("logs/keep.txt");
        write("keep.txt");

        assertThat(walk("logs", "!*/keep.txt")).containsExactly("keep.txt");
    }

    @Test
    void exceptionOfWholeSubdirectoryBringsItsTreeBack() throws IOException {
        write("vendor/a/x.go");
        write("vendor/b/y.go");

        assertThat(walk("vendor/*", "!vendor/b")).containsExactly("vendor", "vendor/b", "vendor/b/y.go");
    }

    @Test
    void listsSymlinksWithoutFollowingThem() throws IOException {
        write("real/file");
        Files.createSymbolicLink(ctx.resolve("loop"), ctx);

        List<ContextEntry> entries = new ContextWalker(DockerIgnore.NONE).walk(ctx);

        assertThat(entries).extracting(ContextEntry::path).containsExactly("loop", "real", "real/file");
        assertThat(entries.get(0).type()).isEqualTo(EntryType.SYMLINK);
        assertThat(entries.get(0).linkTarget()).isEqualTo(ctx.toString());
    }

    @Test
    void manifestRoundTripsThroughJson() throws IOException {
        write("Dockerfile");
        write("src/a");
        ContextManifest manifest = new ContextPacker().pack(ctx, "Dockerfile", new ByteArrayOutputStream()).manifest();
        ObjectMapper json = new ObjectMapper();

        String text = json.writeValueAsString(manifest);

        assertThat(text).contains("\"digest\":\"sha256:");
        assertThat(json.readValue(text, ContextManifest.class)).isEqualTo(manifest);
    }
}
