package dev.stagefarm.context;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stagefarm.digest.Digest;
import java.util.Objects;

/**
 * One path of a context manifest: kind, permission bits, size and content digest (files), link
 * target (links). Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestEntry(String path, EntryType type, int mode, long size, Digest digest, String linkTarget) {
    public ManifestEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        if ((type == EntryType.FILE) != (digest != null)) {
            throw new IllegalArgumentException("files, and only files, have a digest: " + path);
        }
        if ((type == EntryType.SYMLINK) != (linkTarget != null)) {
            throw new IllegalArgumentException("links, and only links, have a target: " + path);
        }
    }
}
