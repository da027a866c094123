package dev.stagefarm.context;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Lists what {@code docker build} would send from a context directory, in a deterministic order:
 * depth first, the names of each directory sorted by their UTF-8 bytes (Go's {@code WalkDir}
 * order, so {@code a}, {@code a/b}, {@code a.txt}). Symbolic links are listed, never followed.
 * Excluded paths are left out exactly as Docker's archiver leaves them out: an excluded directory
 * is not entered unless an exception names a path below it, and then the directory itself is not
 * listed, only what the exception brings back. Sockets, FIFOs and devices are skipped, as a
 * context has no use for them. Thread-safe (no shared state).
 */
public final class ContextWalker {
    private static final Comparator<String> UTF8_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final DockerIgnore ignore;

    /** @param ignore the rules to apply, usually {@link DockerIgnore#keepingBuildFiles} of the file's rules */
    public ContextWalker(DockerIgnore ignore) {
        this.ignore = ignore;
    }

    /** The entries of {@code contextDir} that are sent. */
    public List<ContextEntry> walk(Path contextDir) throws IOException {
        if (!Files.isDirectory(contextDir)) {
            throw new StagefarmException(FailureCode.CONTEXT_FILE_MISSING, contextDir.toString(), 0,
                    "the build context is not a directory");
        }
        List<ContextEntry> out = new ArrayList<>();
        walkDirectory(contextDir, "", IgnoreMatch.ROOT, out);
        return out;
    }

    private void walkDirectory(Path dir, String relDir, IgnoreMatch dirMatch, List<ContextEntry> out)
            throws IOException {
        List<String> names;
        try (Stream<Path> children = Files.list(dir)) {
            names = children.map(p -> p.getFileName().toString()).sorted(UTF8_ORDER).toList();
        }
        for (String name : names) {
            Path file = dir.resolve(name);
            String rel = relDir.isEmpty() ? name : relDir + "/" + name;
            Map<String, Object> attrs = Files.readAttributes(file, "unix:mode,size,isDirectory,isRegularFile,isSymbolicLink",
                    LinkOption.NOFOLLOW_LINKS);
            boolean isDir = (Boolean) attrs.get("isDirectory");
            IgnoreMatch match = ignore.match(rel, dirMatch);
            if (match.excluded()) {
                if (isDir && ignore.hasExceptions() && ignore.mayReincludeBelow(rel)) {
                    walkDirectory(file, rel, match, out);
                }
                continue;
            }
            int mode = ((Integer) attrs.get("mode")) & 07777;
            if (isDir) {
                out.add(new ContextEntry(rel, file, EntryType.DIRECTORY, mode, 0, null));
                walkDirectory(file, rel, match, out);
            } else if ((Boolean) attrs.get("isSymbolicLink")) {
                out.add(new ContextEntry(rel, file, EntryType.SYMLINK, mode, 0, Files.readSymbolicLink(file).toString()));
            } else if ((Boolean) attrs.get("isRegularFile")) {
                out.add(new ContextEntry(rel, file, EntryType.FILE, mode, (Long) attrs.get("size"), null));
            }
        }
    }
}
