package dev.stagefarm.coordinator.result;

import dev.stagefarm.imagestore.BlobRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The files of an image as one tar, from its stored layers: read from the top layer down,
 * straight from the object store (the record gives their order, so nothing is spooled); a path
 * shows the topmost version, and whiteouts ({@code .wh.NAME}, the opaque marker
 * {@code .wh..wh..opq}) hide what lies below them. Only path names are kept in memory.
 */
public final class SavedImageFiles {
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    /** Opens one layer tar (verified as it is read). */
    @FunctionalInterface
    public interface LayerSource {
        InputStream open(BlobRef layer) throws IOException;
    }

    /** Writes the files of the image with {@code layers} (bottom first) as a tar to {@code out}. */
    public void write(List<BlobRef> layers, LayerSource source, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        Set<String> written = new HashSet<>();
        Set<String> hidden = new HashSet<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            try (InputStream raw = source.open(layers.get(i))) {
                copyLayer(raw, tar, written, hidden);
                // Reads to the end of the blob, where its digest is checked.
                raw.transferTo(OutputStream.nullOutputStream());
            }
        }
        tar.finish();
        tar.flush();
    }

    private static void copyLayer(InputStream raw, TarArchiveOutputStream tar, Set<String> written, Set<String> hidden)
            throws IOException {
        Set<String> hiddenHere = new HashSet<>();
        TarArchiveInputStream in = new TarArchiveInputStream(raw);
        TarArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            String path = clean(entry.getName());
            String base = path.substring(path.lastIndexOf('/') + 1);
            String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
            if (base.equals(OPAQUE)) {
                hiddenHere.add(parent + "/");
                continue;
            }
            if (base.startsWith(WHITEOUT)) {
                String gone = (parent.isEmpty() ? "" : parent + "/") + base.substring(WHITEOUT.length());
                hiddenHere.add(gone);
                hiddenHere.add(gone + "/");
                continue;
            }
            if (path.isEmpty() || written.contains(path) || isHidden(path, hidden)) {
                continue;
            }
            written.add(path);
            entry.setName(entry.isDirectory() ? path + "/" : path);
            tar.putArchiveEntry(entry);
            if (entry.isFile()) {
                in.transferTo(tar);
            }
            tar.closeArchiveEntry();
        }
        hidden.addAll(hiddenHere);
    }

    private static boolean isHidden(String path, Set<String> hidden) {
        if (hidden.contains(path)) {
            return true;
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (hidden.contains(path.substring(0, slash + 1))) {
                return true;
            }
        }
        return false;
    }

    private static String clean(String name) {
        String p = name;
        while (p.startsWith("./") || p.startsWith("/")) {
            p = p.startsWith("./") ? p.substring(2) : p.substring(1);
        }
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
