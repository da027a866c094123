package dev.stagefarm.agent.copy;

import dev.stagefarm.archive.TarEntryReader;
import dev.stagefarm.archive.TarHeader;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes {@link CopyEntry}s as a tar stream, file bytes read from disk as they are written, so a
 * COPY of any size never sits in memory. Long names and large ids use POSIX extensions. An
 * {@link CopyEntry.Type#ARCHIVE} entry is expanded in place: the local archive is decompressed
 * and its entries are re-named under the destination folder one by one, after the checks of
 * {@link TarEntryReader} (no absolute name, nothing escaping the destination, relative link
 * targets inside it; absolute symlink targets name paths of the image, as in Docker).
 */
public final class ArchiveWriter {

    /** A bad archive in the build context is the build's fault, not the farm's. */
    private static final TarEntryReader.TarPolicy UNPACKED = new TarEntryReader.TarPolicy(FailureCode.CONTEXT_INVALID, true);

    private ArchiveWriter() {
    }

    /** Writes every entry and finishes the archive; does not close {@code out}. */
    public static void write(List<CopyEntry> entries, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (CopyEntry entry : entries) {
            if (entry.type() == CopyEntry.Type.ARCHIVE) {
                unpack(entry, tar);
                continue;
            }
            TarArchiveEntry header = switch (entry.type()) {
                case DIRECTORY -> new TarArchiveEntry(entry.name() + "/");
                case SYMLINK -> link(entry.name(), TarConstants.LF_SYMLINK, entry.linkTarget());
                default -> new TarArchiveEntry(entry.name());
            };
            header.setMode(entry.mode());
            header.setIds(entry.uid(), entry.gid());
            header.setModTime(FileTime.fromMillis(entry.modifiedEpochSeconds() * 1000));
            if (entry.type() == CopyEntry.Type.FILE) {
                header.setSize(entry.inline() != null ? entry.inline().length : Files.size(entry.source()));
            }
            tar.putArchiveEntry(header);
            if (entry.type() == CopyEntry.Type.FILE) {
                if (entry.inline() != null) {
                    tar.write(entry.inline());
                } else {
                    try (InputStream in = Files.newInputStream(entry.source())) {
                        in.transferTo(tar);
                    }
                }
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
    }

    private static void unpack(CopyEntry archive, TarArchiveOutputStream tar) throws IOException {
        String file = archive.source().getFileName().toString();
        try (InputStream in = LocalArchive.open(archive.source());
                TarEntryReader reader = new TarEntryReader(in, UNPACKED)) {
            TarHeader h;
            while ((h = next(reader, file)) != null) {
                String name = under(archive.name(), h.name());
                TarArchiveEntry header = switch (h.type()) {
                    case DIRECTORY -> new TarArchiveEntry(name + "/");
                    case SYMLINK -> link(name, TarConstants.LF_SYMLINK, h.linkTarget());
                    case HARDLINK -> link(name, TarConstants.LF_LINK, under(archive.name(), h.linkTarget()));
                    case FILE -> new TarArchiveEntry(name);
                };
                header.setMode(archive.mode() == CopyEntry.KEEP || h.type() == dev.stagefarm.archive.TarEntryType.SYMLINK
                        ? h.mode() : archive.mode());
                header.setIds(archive.uid() == CopyEntry.KEEP ? Math.toIntExact(h.uid()) : archive.uid(),
                        archive.gid() == CopyEntry.KEEP ? Math.toIntExact(h.gid()) : archive.gid());
                header.setModTime(FileTime.fromMillis(h.mtime() * 1000));
                header.setSize(h.size());
                tar.putArchiveEntry(header);
                if (h.size() > 0) {
                    reader.content().transferTo(tar);
                }
                tar.closeArchiveEntry();
            }
        }
    }

    /** The next entry; a broken archive fails naming the archive file and the entry. */
    private static TarHeader next(TarEntryReader reader, String file) throws IOException {
        try {
            return reader.next();
        } catch (StagefarmException e) {
            throw new StagefarmException(e.code(), file, 0, "ADD cannot unpack " + file + ": " + e.subject() + ": "
                    + e.getMessage(), e);
        }
    }

    private static TarArchiveEntry link(String name, byte type, String target) {
        TarArchiveEntry link = new TarArchiveEntry(name, type);
        link.setLinkName(target);
        return link;
    }

    private static String under(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }
}
