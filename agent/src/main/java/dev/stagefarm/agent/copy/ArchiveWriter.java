package dev.stagefarm.agent.copy;

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
 * COPY of any size never sits in memory. Long names and large ids use POSIX extensions.
 */
public final class ArchiveWriter {

    private ArchiveWriter() {
    }

    /** Writes every entry and finishes the archive; does not close {@code out}. */
    public static void write(List<CopyEntry> entries, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (CopyEntry entry : entries) {
            TarArchiveEntry header = switch (entry.type()) {
                case DIRECTORY -> new TarArchiveEntry(entry.name() + "/");
                case SYMLINK -> {
                    TarArchiveEntry link = new TarArchiveEntry(entry.name(), TarConstants.LF_SYMLINK);
                    link.setLinkName(entry.linkTarget());
                    yield link;
                }
                case FILE -> new TarArchiveEntry(entry.name());
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
}
