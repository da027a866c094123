package dev.stagefarm.archive;

import java.util.Objects;

/**
 * One tar entry's header: a clean relative name (slash-separated, no leading {@code ./}, no
 * trailing slash), its type, permission bits (including setuid/setgid/sticky), owner, modification
 * time in epoch seconds, content size (files only) and link target (links only). Immutable.
 */
public record TarHeader(String name, TarEntryType type, int mode, long uid, long gid, long mtime,
        long size, String linkTarget) {

    public TarHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
            throw new IllegalArgumentException("tar entry names are clean relative paths: \"" + name + "\"");
        }
        if (type == TarEntryType.FILE ? size < 0 : size != 0) {
            throw new IllegalArgumentException("only files have content: " + name + " size " + size);
        }
        boolean isLink = type == TarEntryType.SYMLINK || type == TarEntryType.HARDLINK;
        if (isLink != (linkTarget != null)) {
            throw new IllegalArgumentException("links, and only links, have a target: " + name);
        }
        mode &= 07777;
    }

    /** A regular file owned by root with time 0 (what reproducible archives use). */
    public static TarHeader file(String name, int mode, long size) {
        return new TarHeader(name, TarEntryType.FILE, mode, 0, 0, 0, size, null);
    }

    /** A directory owned by root with time 0. */
    public static TarHeader directory(String name, int mode) {
        return new TarHeader(name, TarEntryType.DIRECTORY, mode, 0, 0, 0, 0, null);
    }

    /** A symbolic link owned by root with time 0; the target is kept verbatim. */
    public static TarHeader symlink(String name, String target) {
        return new TarHeader(name, TarEntryType.SYMLINK, 0777, 0, 0, 0, 0, target);
    }

    /** A hard link to an earlier entry of the same archive. */
    public static TarHeader hardlink(String name, String target) {
        return new TarHeader(name, TarEntryType.HARDLINK, 0644, 0, 0, 0, 0, target);
    }

    public TarHeader withOwner(long newUid, long newGid) {
        return new TarHeader(name, type, mode, newUid, newGid, mtime, size, linkTarget);
    }

    public TarHeader withMtime(long epochSeconds) {
        return new TarHeader(name, type, mode, uid, gid, epochSeconds, size, linkTarget);
    }

    public TarHeader withName(String newName) {
        return new TarHeader(newName, type, mode, uid, gid, mtime, size, linkTarget);
    }
}
