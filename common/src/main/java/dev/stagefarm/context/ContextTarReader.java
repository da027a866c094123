package dev.stagefarm.context;

import dev.stagefarm.archive.SlashPath;
import dev.stagefarm.archive.TarEntryReader;
import dev.stagefarm.archive.TarHeader;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.digest.DigestingInputStream;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Rebuilds, from a context tar made by {@link ContextPacker}, the same {@link ContextManifest} the
 * packer returned, so that whoever holds only the uploaded tar (the coordinator planning a build,
 * an agent checking a job) derives exactly the cache keys the client would. One streaming pass:
 * every regular file is hashed block by block; only the Dockerfile and the ignore files (bounded in
 * size) are kept in memory.
 *
 * <p>The packer kept the Dockerfile and {@code .dockerignore} in the tar even when the ignore rules
 * exclude them, and listed those as hidden from the build; the same rules are read back from the
 * tar ({@code <Dockerfile>.dockerignore} first, then {@code .dockerignore}) to list them again. A
 * gzip-compressed tar is accepted too. Stateless and thread-safe.
 */
public final class ContextTarReader {
    /** Largest ignore file read back; real ones are a few hundred bytes. */
    static final int MAX_IGNORE_BYTES = 1024 * 1024;

    private ContextTarReader() {
    }

    /**
     * Reads the whole tar.
     *
     * @param tar the context tar, plain or gzip-compressed; not closed
     * @param dockerfile the Dockerfile's path in the context (as given to the packer)
     * @param maxDockerfileBytes the largest Dockerfile accepted
     * @throws StagefarmException CONTEXT_INVALID when the stream is not a complete, safe tar;
     *     BAD_REQUEST when the Dockerfile is larger than {@code maxDockerfileBytes}
     */
    public static ContextTarScan read(InputStream tar, String dockerfile, int maxDockerfileBytes)
            throws IOException {
        String wantedDockerfile = SlashPath.clean(dockerfile);
        String specificIgnore = SlashPath.clean(dockerfile + DockerIgnore.FILE_NAME);
        List<ManifestEntry> entries = new ArrayList<>();
        Map<String, Digest> files = new HashMap<>();
        String dockerfileText = null;
        Map<String, String> ignoreFiles = new HashMap<>();
        try (TarEntryReader reader = new TarEntryReader(maybeGunzip(new BufferedInputStream(tar, 64 * 1024)),
                TarEntryReader.TarPolicy.CONTEXT)) {
            TarHeader header;
            while ((header = reader.next()) != null) {
                String path = header.name();
                switch (header.type()) {
                    case DIRECTORY -> entries.add(new ManifestEntry(path, EntryType.DIRECTORY, header.mode() & 07777, 0,
                            null, null));
                    case SYMLINK -> entries.add(new ManifestEntry(path, EntryType.SYMLINK, header.mode() & 07777, 0, null,
                            header.linkTarget()));
                    case HARDLINK -> {
                        // the packer sends hard links as separate files; another tool's link counts as
                        // a copy of the file it names
                        Digest target = files.get(header.linkTarget());
                        if (target == null) {
                            throw new StagefarmException(FailureCode.CONTEXT_INVALID, path, 0,
                                    "hard link to \"" + header.linkTarget() + "\", which is not an earlier file");
                        }
                        files.put(path, target);
                        entries.add(new ManifestEntry(path, EntryType.FILE, header.mode() & 07777, 0, target, null));
                    }
                    case FILE -> {
                        DigestingInputStream content = new DigestingInputStream(reader.content());
                        if (path.equals(wantedDockerfile)) {
                            dockerfileText = bounded(content, maxDockerfileBytes, path, "the Dockerfile");
                        } else if (path.equals(specificIgnore) || path.equals(DockerIgnore.FILE_NAME)) {
                            ignoreFiles.put(path, bounded(content, MAX_IGNORE_BYTES, path, "the ignore file"));
                        }
                        content.transferTo(java.io.OutputStream.nullOutputStream());
                        files.put(path, content.digest());
                        entries.add(new ManifestEntry(path, EntryType.FILE, header.mode() & 07777, header.size(),
                                content.digest(), null));
                    }
                }
            }
        }
        DockerIgnore rules = ignoreFiles.containsKey(specificIgnore)
                ? DockerIgnore.parse(ignoreFiles.get(specificIgnore), specificIgnore)
                : ignoreFiles.containsKey(DockerIgnore.FILE_NAME)
                        ? DockerIgnore.parse(ignoreFiles.get(DockerIgnore.FILE_NAME), DockerIgnore.FILE_NAME)
                        : DockerIgnore.NONE;
        return new ContextTarScan(new ContextManifest(entries, rules.hiddenBuildFiles(dockerfile)),
                Optional.ofNullable(dockerfileText));
    }

    private static String bounded(InputStream in, int max, String path, String what) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw new StagefarmException(FailureCode.BAD_REQUEST, path, 0,
                    what + " is larger than " + max + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static InputStream maybeGunzip(InputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GzipCompressorInputStream(in) : in;
    }
}
