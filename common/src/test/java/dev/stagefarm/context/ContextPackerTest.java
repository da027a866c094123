package dev.stagefarm.context;

import static dev.stagefarm.context.ContextFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.archive.SafeTarExtractor;
import dev.stagefarm.archive.TarEntryReader;
import dev.stagefarm.archive.TarEntryReader.TarPolicy;
import dev.stagefarm.archive.TarHeader;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextPackerTest {
    @TempDir
    Path dir;

    private final ContextPacker packer = new ContextPacker();

    private Path sampleContext(String name) throws IOException {
        Path ctx = Files.createDirectories(dir.resolve(name));
        write(ctx, "Dockerfile", "FROM busybox\nCOPY . /app\n");
        write(ctx, "src/main.js", "console.log('hi')\n");
        write(ctx, "src/util/strings.js", "export {}\n");
        write(ctx, "a.txt", "a\n");
        ContextFiles.addScriptAndLink(ctx);
        return ctx;
    }

    private PackedContext pack(Path ctx, String dockerfile, ByteArrayOutputStream out) throws IOException {
        return packer.pack(ctx, dockerfile, out);
    }

    @Test
    void sameFilesGiveSameBytesWhateverTheirTimes() throws IOException {
        Path one = sampleContext("one");
        Path two = sampleContext("two");
        Files.setLastModifiedTime(two.resolve("a.txt"), FileTime.fromMillis(0));
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();

        PackedContext a = pack(one, "Dockerfile", first);
        PackedContext b = pack(two, "Dockerfile", second);

        assertThat(second.toByteArray()).isEqualTo(first.toByteArray());
        assertThat(b.digest()).isEqualTo(a.digest()).isEqualTo(Digest.of(first.toByteArray()));
        assertThat(a.size()).isEqualTo(first.size());
        assertThat(b.manifest()).isEqualTo(a.manifest());
    }

    @Test
    void differentContentGivesDifferentDigest() throws IOException {
        Path one = sampleContext("one");
        PackedContext before = pack(one, "Dockerfile", new ByteArrayOutputStream());
        write(one, "src/main.js", "console.log('bye')\n");

        assertThat(pack(one, "Dockerfile", new ByteArrayOutputStream()).digest()).isNotEqualTo(before.digest());
    }

    @Test
    void manifestListsEntriesInWalkOrderWithDigestsModesAndLinks() throws IOException {
        PackedContext packed = pack(sampleContext("ctx"), "Dockerfile", new ByteArrayOutputStream());

        assertThat(packed.manifest().entries()).extracting(ManifestEntry::path).containsExactly(
                "Dockerfile", "a.txt", "latest", "run.sh", "src", "src/main.js", "src/util", "src/util/strings.js");
        ManifestEntry main = packed.manifest().entry("src/main.js").orElseThrow();
        assertThat(main.digest()).isEqualTo(Digest.of("console.log('hi')\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(main.size()).isEqualTo(18);
        assertThat(packed.manifest().entry("run.sh").orElseThrow().mode()).isEqualTo(0755);
        assertThat(packed.manifest().entry("latest").orElseThrow().linkTarget()).isEqualTo("src/main.js");
        assertThat(packed.manifest().entry("src").orElseThrow().type()).isEqualTo(EntryType.DIRECTORY);
        assertThat(packed.manifest().hiddenFromBuild()).isEmpty();
    }

    @Test
    void honoursDockerignoreLikeDockerBuild() throws IOException {
        Path ctx = sampleContext("ctx");
        write(ctx, "node_modules/left-pad/index.js", "x");
        write(ctx, "docs/internal/secret.md", "s");
        write(ctx, "docs/keep/README.md", "r");
        write(ctx, "docs/other.md", "o");
        write(ctx, "logs/2024/app.log", "l");
        write(ctx, "logs/keep.txt", "k");
        write(ctx, ".dockerignore", "# build junk\nnode_modules\ndocs\n!docs/keep/README.md\nlogs\n!*/keep.txt\n"
                + ".dockerignore\nDockerfile\n");

        PackedContext packed = pack(ctx, "Dockerfile", new ByteArrayOutputStream());

        assertThat(packed.manifest().entries()).extracting(ManifestEntry::path).containsExactly(
                ".dockerignore", "Dockerfile", "a.txt", "docs/keep/README.md", "latest", "run.sh",
                "src", "src/main.js", "src/util", "src/util/strings.js");
        assertThat(packed.manifest().hiddenFromBuild()).containsExactly(".dockerignore", "Dockerfile");
        assertThat(packed.manifest().visibleEntries()).extracting(ManifestEntry::path)
                .doesNotContain(".dockerignore", "Dockerfile");
    }

    @Test
    void usesDockerfileSpecificIgnoreFileFirst() throws IOException {
        Path ctx = sampleContext("ctx");
        write(ctx, ".dockerignore", "src\n");
        write(ctx, "build/app.Dockerfile", "FROM scratch\n");
        write(ctx, "build/app.Dockerfile.dockerignore", "a.txt\n");

        PackedContext packed = pack(ctx, "build/app.Dockerfile", new ByteArrayOutputStream());

        assertThat(packed.manifest().entry("src/main.js")).isPresent();
        assertThat(packed.manifest().entry("a.txt")).isEmpty();
    }

    @Test
    void tarCarriesWhatTheManifestSaysAndExtractsBack() throws IOException {
        Path ctx = sampleContext("ctx");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PackedContext packed = pack(ctx, "Dockerfile", out);

        List<TarHeader> headers = new ArrayList<>();
        try (TarEntryReader reader = new TarEntryReader(new ByteArrayInputStream(out.toByteArray()), TarPolicy.CONTEXT)) {
            TarHeader h;
            while ((h = reader.next()) != null) {
                headers.add(h);
            }
        }
        assertThat(headers).extracting(TarHeader::name)
                .containsExactlyElementsOf(packed.manifest().entries().stream().map(ManifestEntry::path).toList());
        assertThat(headers).allSatisfy(h -> {
            assertThat(h.uid()).isZero();
            assertThat(h.mtime()).isZero();
        });

        Path extracted = dir.resolve("extracted");
        new SafeTarExtractor(TarPolicy.CONTEXT).extract(new ByteArrayInputStream(out.toByteArray()), extracted);
        assertThat(extracted.resolve("src/util/strings.js")).hasSameTextualContentAs(ctx.resolve("src/util/strings.js"));
        assertThat(Files.isExecutable(extracted.resolve("run.sh"))).isTrue();
        assertThat(packer.manifest(extracted, "Dockerfile")).isEqualTo(packed.manifest());
    }

    @Test
    void fileGrowingDuringPackFailsNamingIt() throws IOException {
        Path ctx = sampleContext("ctx");
        Path big = ctx.resolve("src/big.bin");
        Files.write(big, new byte[1 << 20]);

        OutputStream appendingMidway = new FilterOutputStream(OutputStream.nullOutputStream()) {
            private long written;
            private boolean touched;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (!touched && written > 300_000) {
                    touched = true;
                    Files.write(big, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
                }
            }
        };

        assertThatThrownBy(() -> packer.pack(ctx, "Dockerfile", appendingMidway))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.CONTEXT_INVALID);
                    assertThat(e.subject()).isEqualTo("src/big.bin");
                });
    }

    @Test
    void fileShrinkingDuringPackFailsNamingIt() throws IOException {
        Path ctx = sampleContext("ctx");
        Path big = ctx.resolve("src/big.bin");
        Files.write(big, new byte[1 << 20]);

        OutputStream truncatingMidway = new FilterOutputStream(OutputStream.nullOutputStream()) {
            private long written;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 300_000 && Files.size(big) > 1000) {
                    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
                        f.setLength(1000);
                    }
                }
            }
        };

        assertThatThrownBy(() -> packer.pack(ctx, "Dockerfile", truncatingMidway))
                .isInstanceOfSatisfying(StagefarmException.class, e -> assertThat(e.subject()).isEqualTo("src/big.bin"));
    }

    @Test
    void missingContextDirectoryIsReported() {
        assertThatThrownBy(() -> packer.pack(dir.resolve("nope"), "Dockerfile", OutputStream.nullOutputStream()))
                .isInstanceOfSatisfying(StagefarmException.class,
                        e -> assertThat(e.code()).isEqualTo(FailureCode.CONTEXT_FILE_MISSING));
    }
}
