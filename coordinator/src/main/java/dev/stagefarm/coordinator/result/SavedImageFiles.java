package dev.stagefarm.coordinator.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The files of an image as one tar, from its {@code docker save} stream: the layers are
 * spooled to a scratch folder (the manifest that orders them comes last in the stream), then
 * read from the top layer down; a path shows the topmost version, and whiteouts
 * ({@code .wh.NAME}, the opaque marker {@code .wh..wh..opq}) hide what lies below them.
 * Only path names are kept in memory.
 */
public final class SavedImageFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    /** Writes the image's files as a tar to {@code out}. */
    public void write(InputStream saved, OutputStream out) throws IOException {
        Path scratch = Files.createTempDirectory("stagefarm-image-");
        try {
            List<Path> layers = spool(saved, scratch);
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            Set<String> written = new HashSet<>();
            Set<String> hidden = new HashSet<>();
            for (int i = layers.size() - 1; i >= 0; i--) {
                copyLayer(layers.get(i), tar, written, hidden);
            }
            tar.finish();
            tar.flush();
        } finally {
            try (var paths = Files.walk(scratch)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The layer tars in manifest order (bottom first). */
    private static List<Path> spool(InputStream saved, Path scratch) throws IOException {
        JsonNode manifest = null;
        TarArchiveInputStream in = new TarArchiveInputStream(saved);
        TarArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            String name = entry.getName();
            if (name.equals("manifest.json")) {
                manifest = JSON.readTree(in.readNBytes(4 * 1024 * 1024));
            } else if (entry.isFile() && name.endsWith("/layer.tar") && !name.contains("..")) {
                Path file = scratch.resolve(name.replace('/', '_'));
                Files.copy(in, file);
            }
        }
        if (manifest == null || !manifest.isArray() || manifest.isEmpty()) {
            throw new IOException("the saved image has no manifest.json");
        }
        List<Path> layers = new ArrayList<>();
        for (JsonNode layer : manifest.get(0).path("Layers")) {
            layers.add(scratch.resolve(layer.asText().replace('/', '_')));
        }
        return layers;
    }

    private static void copyLayer(Path layer, TarArchiveOutputStream tar, Set<String> written, Set<String> hidden)
            throws IOException {
        Set<String> hiddenHere = new HashSet<>();
        try (InputStream raw = Files.newInputStream(layer);
                TarArchiveInputStream in = new TarArchiveInputStream(raw)) {
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
