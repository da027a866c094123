package dev.stagefarm.context;

import static dev.stagefarm.context.ContextFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.plan.cache.ContextDigests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextTarReaderTest {
    @TempDir
    Path dir;

    private Path context() throws IOException {
        Path ctx = Files.createDirectories(dir.resolve("ctx"));
        write(ctx, "build/Dockerfile", "FROM busybox\nCOPY . /app\n");
        write(ctx, ".dockerignore", "build\n.dockerignore\n*.log\n");
        write(ctx, "src/main.js", "console.log('hi')\n");
        write(ctx, "debug.log", "ignored\n");
        ContextFiles.addScriptAndLink(ctx);
        return ctx;
    }

    @Test
    void rebuildsThePackersManifestWithHiddenBuildFiles() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        PackedContext packed = new ContextPacker().pack(context(), "build/Dockerfile", tar);

        ContextTarScan scan = ContextTarReader.read(new ByteArrayInputStream(tar.toByteArray()), "build/Dockerfile",
                4096);

        assertThat(packed.manifest().hiddenFromBuild()).containsExactlyInAnyOrder(".dockerignore", "build/Dockerfile");
        assertThat(scan.manifest()).isEqualTo(packed.manifest());
        assertThat(scan.dockerfile()).contains("FROM busybox\nCOPY . /app\n");
        assertThat(ContextDigests.of(scan.manifest()).digests()).containsOnlyKeys("latest", "run.sh", "src/main.js");
    }

    @Test
    void readsAGzippedTarLikeThePlainOne() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        PackedContext packed = new ContextPacker().pack(context(), "build/Dockerfile", tar);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar.toByteArray());
        }

        ContextTarScan scan = ContextTarReader.read(new ByteArrayInputStream(gz.toByteArray()), "build/Dockerfile",
                4096);

        assertThat(scan.manifest()).isEqualTo(packed.manifest());
    }

    @Test
    void reportsNoDockerfileWhenTheTarLacksIt() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        new ContextPacker().pack(context(), "build/Dockerfile", tar);

        ContextTarScan scan = ContextTarReader.read(new ByteArrayInputStream(tar.toByteArray()), "Dockerfile", 4096);

        assertThat(scan.dockerfile()).isEmpty();
    }

    @Test
    void rejectsAnOversizedDockerfile() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        new ContextPacker().pack(context(), "build/Dockerfile", tar);

        assertThatThrownBy(() -> ContextTarReader.read(new ByteArrayInputStream(tar.toByteArray()),
                "build/Dockerfile", 10))
                .isInstanceOfSatisfying(StagefarmException.class,
                        e -> assertThat(e.code()).isEqualTo(FailureCode.BAD_REQUEST));
    }

    @Test
    void rejectsATruncatedTar() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        new ContextPacker().pack(context(), "build/Dockerfile", tar);
        byte[] cut = Arrays.copyOf(tar.toByteArray(), tar.size() - 1024);

        assertThatThrownBy(() -> ContextTarReader.read(new ByteArrayInputStream(cut), "build/Dockerfile", 4096))
                .isInstanceOfSatisfying(StagefarmException.class,
                        e -> assertThat(e.code()).isEqualTo(FailureCode.CONTEXT_INVALID));
    }
}
