package dev.stagefarm.archive;

import dev.stagefarm.archive.TarEntryReader.TarPolicy;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Extracts a tar stream into a new directory, all or nothing: entries are written into a
 * temporary sibling of the target, and only a complete, valid archive is moved into place (one
 * atomic rename). On any failure the temporary directory is deleted and the target does not exist.
 *
 * <p>Beyond the entry checks of {@link TarEntryReader}, extraction never follows a symbolic link:
 * an entry whose parent path passes through a link from an earlier entry is refused, so a link
 * cannot redirect later writes outside the target. Permission bits (rwx for owner, group, others)
 * and modification times are kept; ownership is not (the extracting user owns the files), and
 * setuid/setgid/sticky bits are dropped because the JDK cannot set them. Directories missing from
 * the archive are created with mode 0755, as Docker does. Thread-safe (no shared state).
 */
public final class SafeTarExtractor {
    private static final int COPY_BUFFER = 256 * 1024;

    private final TarPolicy policy;

    public SafeTarExtractor(TarPolicy policy) {
        this.policy = policy;
    }

    /** What was extracted. */
    public record Extracted(Path directory, int entries, long bytes) {
    }

    /**
     * Extracts {@code tar} into {@code target}, which must not exist yet (an empty directory is
     * replaced). Failures in the archive are {@link StagefarmException}s with the policy's code and
     * the entry name as subject; I/O failures of the local disk are {@link IOException}s.
     */
    public Extracted extract(InputStream tar, Path target) throws IOException {
        return extract(tar, target, header -> { });
    }

    /**
     * As {@link #extract(InputStream, Path)}, and tells {@code onEntry} of every entry as it is
     * read, before it is written (callers that need the owners, which extraction does not set,
     * get them from the same pass over the stream).
     */
    public Extracted extract(InputStream tar, Path target, Consumer<TarHeader> onEntry) throws IOException {
        Path absoluteTarget = target.toAbsolutePath().normalize();
        Path parent = absoluteTarget.getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempDirectory(parent, "." + absoluteTarget.getFileName() + ".partial-");
        boolean done = false;
        try {
            Extracted result = extractInto(tar, temp, onEntry);
            Files.setPosixFilePermissions(temp, permissions(0755));
            moveIntoPlace(temp, absoluteTarget);
            done = true;
            return new Extracted(absoluteTarget, result.entries(), result.bytes());
        } finally {
            if (!done) {
                deleteRecursively(temp);
            }
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.deleteIfExists(target);
        } catch (DirectoryNotEmptyException e) {
            throw new FileAlreadyExistsException(target.toString(), null, "extraction target is not empty");
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private Extracted extractInto(InputStream in, Path root, Consumer<TarHeader> onEntry) throws IOException {
        List<TarHeader> directories = new ArrayList<>();
        // Parents already checked or created: a directory stays one for the whole extraction (no
        // entry may replace a directory), so each is looked at once, not once per entry below it.
        Set<Path> checkedParents = new HashSet<>();
        int entries = 0;
        long bytes = 0;
        try (TarEntryReader reader = new TarEntryReader(in, policy)) {
            TarHeader h;
            while ((h = reader.next()) != null) {
                entries++;
                onEntry.accept(h);
                Path path = prepareParents(root, h, checkedParents);
                switch (h.type()) {
                    case DIRECTORY -> {
                        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                            removeNonDirectory(path, h);
                            Files.createDirectory(path);
                        }
                        directories.add(h);
                    }
                    case FILE -> {
                        removeNonDirectory(path, h);
                        try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE)) {
                            bytes += copy(reader.content(), out);
                        }
                        Files.setPosixFilePermissions(path, permissions(h.mode()));
                        Files.setLastModifiedTime(path, FileTime.fromMillis(h.mtime() * 1000));
                    }
                    case SYMLINK -> {
                        removeNonDirectory(path, h);
                        Files.createSymbolicLink(path, path.getFileSystem().getPath(h.linkTarget()));
                    }
                    case HARDLINK -> {
                        Path existing = root.resolve(h.linkTarget());
                        if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)
                                || passesThroughLink(root, h.linkTarget())) {
                            throw refused(h, "hard link to \"" + h.linkTarget() + "\", which is not an earlier file");
                        }
                        removeNonDirectory(path, h);
                        Files.createLink(path, existing);
                    }
                    default -> throw new IllegalStateException("unhandled entry type " + h.type());
                }
            }
        }
        // Directory modes last, deepest first: a read-only directory must not block its children.
        for (int i = directories.size() - 1; i >= 0; i--) {
            TarHeader d = directories.get(i);
            Path path = root.resolve(d.name());
            Files.setPosixFilePermissions(path, permissions(d.mode()));
            Files.setLastModifiedTime(path, FileTime.fromMillis(d.mtime() * 1000));
        }
        return new Extracted(root, entries, bytes);
    }

    /** Copies in large blocks: {@code transferTo}'s 8 KiB made a system call per 8 KiB of a large file. */
    private static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        long total = 0;
        int n;
        while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    /** Creates missing parent directories (0755) and refuses parents that are links or files. */
    private Path prepareParents(Path root, TarHeader h, Set<Path> checked) throws IOException {
        String[] parts = h.name().split("/");
        Path current = root;
        for (int i = 0; i < parts.length - 1; i++) {
            current = current.resolve(parts[i]);
            if (!checked.add(current)) {
                continue;
            }
            if (Files.isSymbolicLink(current)) {
                throw refused(h, "path passes through the symbolic link \"" + parts[i] + "\"");
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
                Files.setPosixFilePermissions(current, permissions(0755));
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw refused(h, "parent \"" + parts[i] + "\" is not a directory");
            }
        }
        return current.resolve(parts[parts.length - 1]);
    }

    private static boolean passesThroughLink(Path root, String name) {
        Path current = root;
        for (String part : name.split("/")) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                return true;
            }
        }
        return false;
    }

    /** A later entry replaces an earlier file or link of the same name (tar semantics), never a directory. */
    private void removeNonDirectory(Path path, TarHeader h) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(h, "replaces a directory");
        }
        Files.deleteIfExists(path);
    }

    private StagefarmException refused(TarHeader h, String message) {
        return new StagefarmException(policy.failureCode(), h.name(), 0, message);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    /**
     * Deletes a tree without following links; directories are made writable first (also for
     * callers that find an extracted tree unusable after the fact).
     */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.setPosixFilePermissions(dir, permissions(0700));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
