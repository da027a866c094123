package dev.stagefarm.archive;

import static dev.stagefarm.archive.TarFixtures.file;
import static dev.stagefarm.archive.TarFixtures.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.archive.TarEntryReader.TarPolicy;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarWriterTest {
    private static final String LONG_DIR = "d".repeat(120) + "/" + "e".repeat(120);
    private static final String VERY_LONG = "x".repeat(200) + "/" + "y".repeat(200) + "/file.txt";

    private static byte[] sample() throws IOException {
        return tar(t -> {
            t.write(TarHeader.directory("src", 0755));
            file(t, "src/main.c", 0644, "int main() { return 0; }\n");
            file(t, "run.sh", 04755, "#!/bin/sh\n");
            t.write(TarHeader.symlink("link", "src/main.c"));
            t.write(TarHeader.hardlink("hard", "run.sh"));
            t.write(TarHeader.directory(LONG_DIR, 0700));
            file(t, VERY_LONG, 0600, "long");
            file(t, "ünïcødé/名前.txt", 0644, "utf-8");
            t.write(TarHeader.symlink("far", "l".repeat(150)));
            file(t, "owned", 0640, "o");
        });
    }

    @Test
    void sameEntriesGiveSameBytesWhateverTheUserName() throws IOException {
        byte[] first = sample();
        String user = System.getProperty("user.name");
        try {
            System.setProperty("user.name", "someone-else");
            assertThat(sample()).isEqualTo(first);
        } finally {
            System.setProperty("user.name", user);
        }
        assertThat(first.length % 512).isZero();
    }

    @Test
    void readsBackNamesModesAndLinksThroughCommonsCompress() throws IOException {
        List<TarHeader> headers = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        try (TarEntryReader reader = new TarEntryReader(new ByteArrayInputStream(sample()), TarPolicy.ARTIFACT)) {
            TarHeader h;
            while ((h = reader.next()) != null) {
                headers.add(h);
                contents.add(new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        assertThat(headers).extracting(TarHeader::name).containsExactly("src", "src/main.c", "run.sh", "link", "hard",
                LONG_DIR, VERY_LONG, "ünïcødé/名前.txt", "far", "owned");
        assertThat(headers.get(0)).isEqualTo(TarHeader.directory("src", 0755));
        assertThat(headers.get(2).mode()).isEqualTo(04755);
        assertThat(headers.get(3).linkTarget()).isEqualTo("src/main.c");
        assertThat(headers.get(4)).isEqualTo(TarHeader.hardlink("hard", "run.sh"));
        assertThat(headers.get(8).linkTarget()).isEqualTo("l".repeat(150));
        assertThat(contents.get(1)).isEqualTo("int main() { return 0; }\n");
        assertThat(contents.get(6)).isEqualTo("long");
        assertThat(contents.get(7)).isEqualTo("utf-8");
    }

    @Test
    void keepsOwnersAndTimesWhenGiven() throws IOException {
        byte[] bytes = tar(t -> t.write(TarHeader.file("f", 0644, 0).withOwner(1000, 3_000_000).withMtime(1_700_000_000L),
                new ByteArrayInputStream(new byte[0])));
        try (TarEntryReader reader = new TarEntryReader(new ByteArrayInputStream(bytes), TarPolicy.ARTIFACT)) {
            TarHeader h = reader.next();
            assertThat(h.uid()).isEqualTo(1000);
            assertThat(h.gid()).isEqualTo(3_000_000);
            assertThat(h.mtime()).isEqualTo(1_700_000_000L);
        }
    }

    @Test
    void gnuTarExtractsWhatItWrites(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("a.tar");
        Files.write(archive, sample());
        Path out = Files.createDirectory(dir.resolve("out"));

        Process tar = new ProcessBuilder("tar", "-xf", archive.toString(), "-C", out.toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes())).isZero();

        assertThat(out.resolve("src/main.c")).hasContent("int main() { return 0; }");
        assertThat(out.resolve(VERY_LONG)).hasContent("long");
        assertThat(out.resolve("ünïcødé/名前.txt")).hasContent("utf-8");
        assertThat(Files.readSymbolicLink(out.resolve("link")).toString()).isEqualTo("src/main.c");
        assertThat(Files.isDirectory(out.resolve(LONG_DIR))).isTrue();
    }

    @Test
    void refusesContentShorterThanDeclared() {
        assertThatThrownBy(() -> new TarWriter(OutputStream.nullOutputStream())
                .write(TarHeader.file("f", 0644, 10), new ByteArrayInputStream(new byte[4])))
                .isInstanceOf(EOFException.class).hasMessageContaining("6 bytes short");
    }

    @Test
    void refusesUncleanNames() {
        assertThatThrownBy(() -> TarHeader.file("/etc/passwd", 0644, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TarHeader.directory("dir/", 0755)).isInstanceOf(IllegalArgumentException.class);
    }
}
