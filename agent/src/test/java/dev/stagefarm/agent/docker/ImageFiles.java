package dev.stagefarm.agent.docker;

import dev.stagefarm.agent.exec.PathKind;
import dev.stagefarm.agent.image.ImageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads files of an image for assertions: type, mode, owner and content of every entry under a path. */
public final class ImageFiles {

    /** One file as an image holds it; {@code content} is the text of a regular file, the target of a link. */
    public record Fact(char type, int mode, int uid, int gid, String content) {
        @Override
        public String toString() {
            return type + " " + Integer.toOctalString(mode) + " " + uid + ":" + gid + " " + content;
        }
    }

    private ImageFiles() {
    }

    /** Every entry under {@code path} of {@code image}, keyed by absolute path; empty when the path is missing. */
    public static Map<String, Fact> read(DockerEngine engine, String image, String path) {
        String container = engine.containers().createIdle("image-files-" + System.nanoTime(), image,
                ImageConfig.empty());
        try {
            Map<String, Fact> facts = new TreeMap<>();
            if (engine.containers().pathKind(container, path) == PathKind.MISSING) {
                return facts;
            }
            String parent = path.equals("/") ? "/" : path.substring(0, path.lastIndexOf('/') + 1);
            try (InputStream in = engine.containers().copyOut(container, path);
                    TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    String name = entry.getName().endsWith("/") ? entry.getName().substring(0, entry.getName().length() - 1) : entry.getName();
                    char type = entry.isDirectory() ? 'd' : entry.isSymbolicLink() ? 'l' : 'f';
                    String content = entry.isSymbolicLink() ? entry.getLinkName()
                            : entry.isFile() ? new String(tar.readAllBytes(), StandardCharsets.UTF_8) : "";
                    facts.put(parent + name, new Fact(type, entry.getMode() & 07777, (int) entry.getLongUserId(),
                            (int) entry.getLongGroupId(), content));
                }
            }
            return facts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            engine.containers().removeContainer(container);
        }
    }

    /** The text of one file, or null when missing. */
    public static String text(DockerEngine engine, String image, String path) {
        Fact fact = read(engine, image, path).get(path);
        return fact == null ? null : fact.content();
    }
}
