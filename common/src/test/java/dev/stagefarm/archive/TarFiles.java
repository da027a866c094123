package dev.stagefarm.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Plain tars of regular files for assertions, read and written with commons-compress rather than
 * the code under test. Tests of other modules reuse it through this module's test-jar.
 */
public final class TarFiles {
    private TarFiles() {
    }

    /** The regular files of a tar by name, in archive order; folders and links are left out. */
    public static Map<String, byte[]> read(byte[] tar) throws IOException {
        return read(new ByteArrayInputStream(tar));
    }

    /** As {@link #read(byte[])}, from a stream it reads to the end of the archive but does not close. */
    public static Map<String, byte[]> read(InputStream tar) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        TarArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            if (entry.isFile()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    /** A tar of these files (mode 0644), in the map's order. */
    public static byte[] write(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (var file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }
}
