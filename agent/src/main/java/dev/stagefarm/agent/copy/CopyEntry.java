package dev.stagefarm.agent.copy;

import java.nio.file.Path;

/**
 * One entry of the tar stream that a COPY/ADD sends into a container.
 *
 * <p>An {@link Type#ARCHIVE} entry stands for the entries of a local tar archive that ADD unpacks
 * into the folder {@code name} ({@code ""} for {@code /}); its {@code uid}/{@code gid}, or
 * {@code mode}, are {@link #KEEP} when the archive's own are kept.
 *
 * @param name path inside the container, relative to {@code /}, without a trailing slash
 * @param source the host file whose bytes to send (regular files and archives only), else null
 * @param inline the bytes of a heredoc file, else null
 * @param linkTarget target of a symlink, else null
 * @param mode permission bits (with setuid/setgid/sticky)
 * @param modifiedEpochSeconds modification time
 */
public record CopyEntry(String name, Type type, Path source, byte[] inline, String linkTarget, int mode, int uid,
        int gid, long modifiedEpochSeconds) {

    /** Owner or mode of an {@link Type#ARCHIVE} entry that keeps what the archive says. */
    public static final int KEEP = -1;

    /** The kinds of file a COPY carries; devices, sockets and pipes are skipped like BuildKit does for contexts. */
    public enum Type {
        DIRECTORY, FILE, SYMLINK, ARCHIVE
    }

    public CopyEntry withOwner(int newUid, int newGid) {
        return new CopyEntry(name, type, source, inline, linkTarget, mode, newUid, newGid, modifiedEpochSeconds);
    }

    public CopyEntry withMode(int newMode) {
        return new CopyEntry(name, type, source, inline, linkTarget, newMode, uid, gid, modifiedEpochSeconds);
    }
}
