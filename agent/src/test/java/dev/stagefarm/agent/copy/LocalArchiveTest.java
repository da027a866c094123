package dev.stagefarm.agent.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArchiveTest {

    @TempDir
    Path dir;

    private final TestArchive archive = new TestArchive().dir("app", 0755, 0, 0).file("app/a.txt", 0644, 0, 0, "a\n");

    @Test
    void everyPackingIsRecognisedByContentWhateverTheName() {
        for (TestArchive.Packing packing : TestArchive.Packing.values()) {
            Path file = archive.writeTo(dir.resolve("release-" + packing + ".bin"), packing);
            assertThat(LocalArchive.isArchive(file)).as(packing.name()).isTrue();
        }
    }

    @Test
    void textNamedLikeAnArchiveIsNotOne() throws Exception {
        assertThat(LocalArchive.isArchive(Files.writeString(dir.resolve("notes.tar.gz"), "just text\n"))).isFalse();
        assertThat(LocalArchive.isArchive(Files.write(dir.resolve("empty.tar"), new byte[0]))).isFalse();
        assertThat(LocalArchive.isArchive(Files.write(dir.resolve("zeros.tar"), new byte[1024]))).isFalse();
        assertThat(LocalArchive.isArchive(dir)).isFalse();
    }

    @Test
    void gzipOfSomethingElseIsNotAnArchive() throws Exception {
        Path file = dir.resolve("log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("line one\nline two\n".repeat(100).getBytes());
        }
        assertThat(LocalArchive.isArchive(file)).isFalse();
    }

    @Test
    void gzipMagicWithGarbageAfterIsNotAnArchive() throws Exception {
        byte[] bytes = new byte[600];
        bytes[0] = 0x1f;
        bytes[1] = (byte) 0x8b;
        bytes[2] = 8;
        assertThat(LocalArchive.isArchive(Files.write(dir.resolve("broken.gz"), bytes))).isFalse();
    }
}
