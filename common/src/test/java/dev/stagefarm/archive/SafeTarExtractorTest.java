package dev.stagefarm.archive;

import static dev.stagefarm.archive.TarFixtures.file;
import static dev.stagefarm.archive.TarFixtures.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.archive.TarEntryReader.TarPolicy;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTarExtractorTest {
    @TempDir
    Path dir;

    private final SafeTarExtractor artifacts = new SafeTarExtractor(TarPolicy.ARTIFACT);

    @Test
    void extractsFilesDirectoriesLinksAndModes() throws IOException {
        byte[] bytes = tar(t -> {
            t.write(TarHeader.directory("bin", 0750));
            file(t, "bin/tool", 0755, "#!/bin/sh\necho hi\n");
            file(t, "implicit/parent/data.txt", 0600, "data");
            t.write(TarHeader.symlink("current", "bin/tool"));
            t.write(TarHeader.hardlink("bin/tool-again", "bin/tool"));
            t.write(TarHeader.file("dated", 0644, 0).withMtime(1_600_000_000L), new ByteArrayInputStream(new byte[0]));
            t.write(TarHeader.directory("readonly", 0555));
            file(t, "readonly/inside", 0444, "ro");
        });
        Path target = dir.resolve("out");

        SafeTarExtractor.Extracted result = artifacts.extract(new ByteArrayInputStream(bytes), target);

        assertThat(result.entries()).isEqualTo(8);
        assertThat(target.resolve("bin/tool")).hasContent("#!/bin/sh\necho hi");
        assertThat(mode(target.resolve("bin/tool"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(target.resolve("bin"))).isEqualTo("rwxr-x---");
        assertThat(mode(target.resolve("implicit/parent"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(target.resolve("implicit/parent/data.txt"))).isEqualTo("rw-------");
        assertThat(Files.readSymbolicLink(target.resolve("current")).toString()).isEqualTo("bin/tool");
        assertThat(Files.isSameFile(target.resolve("bin/tool"), target.resolve("bin/tool-again"))).isTrue();
        assertThat(Files.getLastModifiedTime(target.resolve("dated")).toMillis()).isEqualTo(1_600_000_000_000L);
        assertThat(mode(target.resolve("readonly"))).isEqualTo("r-xr-xr-x");
        assertThat(target.resolve("readonly/inside")).hasContent("ro");
        assertThat(leftovers()).containsExactly("out");
    }

    @Test
    void refusesWritingThroughSymlinkAndLeavesNothing() throws IOException {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        byte[] bytes = tar(t -> {
            t.write(TarHeader.symlink("escape", outside.toString()));
            file(t, "escape/pwned", 0644, "gotcha");
        });
        SafeTarExtractor containers = new SafeTarExtractor(TarPolicy.CONTAINER_ARTIFACT);

        assertThatThrownBy(() -> containers.extract(new ByteArrayInputStream(bytes), dir.resolve("out")))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
                    assertThat(e.subject()).isEqualTo("escape/pwned");
                });
        assertThat(outside.resolve("pwned")).doesNotExist();
        assertThat(leftovers()).containsExactly("outside");
    }

    @Test
    void refusesEscapingSymlinkForHostExtraction() throws IOException {
        byte[] bytes = tar(t -> t.write(TarHeader.symlink("up", "../../etc")));

        assertThatThrownBy(() -> new SafeTarExtractor(TarPolicy.CONTEXT).extract(new ByteArrayInputStream(bytes),
                dir.resolve("ctx"))).isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.CONTEXT_INVALID);
                    assertThat(e.subject()).isEqualTo("up");
                });
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void truncatedArchiveIsAnErrorNotAPartialResult() throws IOException {
        byte[] whole = tar(t -> {
            file(t, "one", 0644, "1".repeat(2000));
            file(t, "two", 0644, "2".repeat(2000));
        });
        byte[] cut = TarFixtures.cut(whole, whole.length - 1024 - 700);

        assertThatThrownBy(() -> artifacts.extract(new ByteArrayInputStream(cut), dir.resolve("out")))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
                    assertThat(e.subject()).isEqualTo("two");
                });
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void laterEntryReplacesEarlierFile() throws IOException {
        byte[] bytes = tar(t -> {
            file(t, "f", 0644, "old");
            file(t, "f", 0600, "new");
        });

        artifacts.extract(new ByteArrayInputStream(bytes), dir.resolve("out"));

        assertThat(dir.resolve("out/f")).hasContent("new");
    }

    @Test
    void refusesNonEmptyTarget() throws IOException {
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/existing"), "keep me");
        byte[] bytes = tar(t -> file(t, "f", 0644, "x"));

        assertThatThrownBy(() -> artifacts.extract(new ByteArrayInputStream(bytes), dir.resolve("out")))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(dir.resolve("out/existing")).hasContent("keep me");
        assertThat(leftovers()).containsExactly("out");
    }

    @Test
    void replacesEmptyTargetDirectory() throws IOException {
        Files.createDirectories(dir.resolve("out"));
        artifacts.extract(new ByteArrayInputStream(tar(t -> file(t, "f", 0644, "x"))), dir.resolve("out"));
        assertThat(dir.resolve("out/f")).hasContent("x");
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private java.util.List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
