package dev.stagefarm.agent.copy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** Builds tar archives with chosen names, modes, owners and compression for ADD tests. */
public final class TestArchive {

    /** How the archive file is compressed. */
    public enum Packing {
        TAR, GZIP, BZIP2, XZ
    }

    private record Item(String name, byte type, int mode, int uid, int gid, String content) {
    }

    private final List<Item> items = new ArrayList<>();

    public TestArchive dir(String name, int mode, int uid, int gid) {
        items.add(new Item(name + "/", TarConstants.LF_DIR, mode, uid, gid, ""));
        return this;
    }

    public TestArchive file(String name, int mode, int uid, int gid, String content) {
        items.add(new Item(name, TarConstants.LF_NORMAL, mode, uid, gid, content));
        return this;
    }

    public TestArchive symlink(String name, String target) {
        items.add(new Item(name, TarConstants.LF_SYMLINK, 0777, 0, 0, target));
        return this;
    }

    /** A hard link; its mode applies to the shared file, so give the target's (as tar does). */
    public TestArchive hardlink(String name, int mode, String target) {
        items.add(new Item(name, TarConstants.LF_LINK, mode, 0, 0, target));
        return this;
    }

    /** Writes the archive to {@code file} and returns it. */
    public Path writeTo(Path file, Packing packing) {
        try (OutputStream raw = Files.newOutputStream(file); OutputStream out = compress(raw, packing);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Item item : items) {
                TarArchiveEntry entry = new TarArchiveEntry(item.name(), item.type());
                entry.setMode(item.mode());
                entry.setIds(item.uid(), item.gid());
                byte[] bytes = item.content().getBytes(StandardCharsets.UTF_8);
                if (item.type() == TarConstants.LF_SYMLINK || item.type() == TarConstants.LF_LINK) {
                    entry.setLinkName(item.content());
                } else if (item.type() == TarConstants.LF_NORMAL) {
                    entry.setSize(bytes.length);
                }
                tar.putArchiveEntry(entry);
                if (item.type() == TarConstants.LF_NORMAL) {
                    tar.write(bytes);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static OutputStream compress(OutputStream raw, Packing packing) throws IOException {
        return switch (packing) {
            case TAR -> raw;
            case GZIP -> new GZIPOutputStream(raw);
            case BZIP2 -> new BZip2CompressorOutputStream(raw);
            case XZ -> new XZCompressorOutputStream(raw);
        };
    }
}
