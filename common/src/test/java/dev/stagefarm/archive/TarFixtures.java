package dev.stagefarm.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small tars for tests, including hostile ones that {@link TarWriter} refuses to produce. */
final class TarFixtures {
    private TarFixtures() {
    }

    interface Body {
        void write(TarWriter tar) throws IOException;
    }

    static byte[] tar(Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(out)) {
            body.write(tar);
        }
        return out.toByteArray();
    }

    static void file(TarWriter tar, String name, int mode, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        tar.write(TarHeader.file(name, mode, bytes.length), new ByteArrayInputStream(bytes));
    }

    /** A tar with one raw entry written by commons-compress, which accepts any name. */
    static byte[] rawEntry(String name, byte type, String linkName) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
            if (linkName != null) {
                entry.setLinkName(linkName);
            }
            byte[] content = type == TarArchiveEntry.LF_NORMAL ? "x".getBytes(StandardCharsets.UTF_8) : new byte[0];
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    static byte[] cut(byte[] tar, int length) {
        return java.util.Arrays.copyOf(tar, length);
    }
}
