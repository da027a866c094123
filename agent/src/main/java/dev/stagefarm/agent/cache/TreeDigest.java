package dev.stagefarm.agent.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Digest of files a step reads (COPY sources, bind-mounted folders): relative names, types,
 * permission bits, owners when they matter, link targets and contents, in sorted order. Streams
 * file contents; holds nothing but the running digest.
 */
public final class TreeDigest {

    private final MessageDigest sha;

    public TreeDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds free text (a heredoc body, a checksum) to the digest. */
    public TreeDigest text(String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        return this;
    }

    /** Adds {@code path} under {@code root} and, for a folder, everything below it. A missing path adds its name only. */
    public TreeDigest tree(Path root, String path, boolean withOwners) {
        text(path);
        Path start = root.resolve(path);
        if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
            return text("<missing>");
        }
        try (Stream<Path> walk = Files.walk(start)) {
            List<Path> paths = walk.sorted().toList();
            for (Path p : paths) {
                text(start.relativize(p).toString());
                text(Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)));
                if (withOwners) {
                    text(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) + ":"
                            + Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS));
                }
                if (Files.isSymbolicLink(p)) {
                    text(Files.readSymbolicLink(p).toString());
                } else if (Files.isRegularFile(p)) {
                    try (InputStream in = Files.newInputStream(p)) {
                        byte[] buffer = new byte[1 << 16];
                        int n;
                        while ((n = in.read(buffer)) > 0) {
                            sha.update(buffer, 0, n);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }
}
