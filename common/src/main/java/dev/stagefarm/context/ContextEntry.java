package dev.stagefarm.context;

import java.nio.file.Path;

/**
 * One path the walk sends, with what was seen when it was listed: the relative slash-separated
 * path, the file on disk, its kind, permission bits, size (files) and link target (links).
 * Immutable.
 */
public record ContextEntry(String path, Path file, EntryType type, int mode, long size, String linkTarget) {
}
