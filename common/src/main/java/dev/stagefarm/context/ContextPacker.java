package dev.stagefarm.context;

import dev.stagefarm.archive.TarHeader;
import dev.stagefarm.archive.TarWriter;
import dev.stagefarm.digest.DigestingInputStream;
import dev.stagefarm.digest.DigestingOutputStream;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Packs a build context: walks it honouring the ignore rules as {@code docker build} does and
 * streams a reproducible tar (sorted entries, owner 0:0, modification time 0, no user names;
 * permission bits and symbolic links kept) to an {@link OutputStream}, computing in the same pass
 * the tar's digest and the {@link ContextManifest} of file digests. The same files always give the
 * same bytes, so the same context is stored once. Each file is read exactly once, in 64 KiB
 * blocks; nothing is held whole in memory.
 *
 * <p>A file that changes while it is packed (its size, modification or change time moves, or its
 * length differs from what the walk saw) fails the pack with {@code CONTEXT_INVALID} naming the
 * file, rather than sending a context that matches neither state. Hard links are sent as separate
 * files. Thread-safe (no shared state).
 */
public final class ContextPacker {

    /**
     * Packs {@code contextDir} for a build with {@code dockerfile} (a path relative to the context,
     * or null when the Dockerfile comes from elsewhere), writing the tar to {@code out}. {@code out}
     * is flushed, not closed.
     */
    public PackedContext pack(Path contextDir, String dockerfile, OutputStream out) throws IOException {
        DockerIgnore rules = DockerIgnore.forDockerfile(contextDir, dockerfile);
        List<ContextEntry> entries = new ContextWalker(rules.keepingBuildFiles(dockerfile)).walk(contextDir);
        DigestingOutputStream digesting = new DigestingOutputStream(out);
        BufferedOutputStream buffered = new BufferedOutputStream(digesting, 64 * 1024);
        TarWriter tar = new TarWriter(buffered);
        List<ManifestEntry> manifest = new ArrayList<>(entries.size());
        for (ContextEntry e : entries) {
            manifest.add(switch (e.type()) {
                case DIRECTORY -> {
                    tar.write(TarHeader.directory(e.path(), e.mode()));
                    yield new ManifestEntry(e.path(), EntryType.DIRECTORY, e.mode(), 0, null, null);
                }
                case SYMLINK -> {
                    tar.write(TarHeader.symlink(e.path(), e.linkTarget()));
                    yield new ManifestEntry(e.path(), EntryType.SYMLINK, e.mode(), 0, null, e.linkTarget());
                }
                case FILE -> packFile(e, tar);
            });
        }
        tar.finish();
        return new PackedContext(new ContextManifest(manifest, rules.hiddenBuildFiles(dockerfile)),
                digesting.digest(), digesting.count());
    }

    /** The manifest alone (the tar is computed and discarded). */
    public ContextManifest manifest(Path contextDir, String dockerfile) throws IOException {
        return pack(contextDir, dockerfile, OutputStream.nullOutputStream()).manifest();
    }

    private static ManifestEntry packFile(ContextEntry e, TarWriter tar) throws IOException {
        Map<String, Object> before = changeStamp(e.file());
        if (!before.get("size").equals(e.size())) {
            throw changed(e);
        }
        try (InputStream raw = Files.newInputStream(e.file(), LinkOption.NOFOLLOW_LINKS);
                DigestingInputStream in = new DigestingInputStream(raw)) {
            try {
                tar.write(TarHeader.file(e.path(), e.mode(), e.size()), in);
            } catch (java.io.EOFException shrunk) {
                throw changed(e);
            }
            if (in.read() >= 0 || !changeStamp(e.file()).equals(before)) {
                throw changed(e);
            }
            return new ManifestEntry(e.path(), EntryType.FILE, e.mode(), e.size(), in.digest(), null);
        }
    }

    private static Map<String, Object> changeStamp(Path file) throws IOException {
        return Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino", LinkOption.NOFOLLOW_LINKS);
    }

    private static StagefarmException changed(ContextEntry e) {
        return new StagefarmException(FailureCode.CONTEXT_INVALID, e.path(), 0,
                "the file changed while the context was being packed; retry when it is stable");
    }
}
