package dev.stagefarm.archive;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a tar stream entry by entry, for callers that transform entries (an agent re-taring an
 * artifact into a container) or extract them ({@link SafeTarExtractor}). Every entry is checked
 * before it is returned: its name must stay inside the archive root (no absolute path, no
 * {@code ..} escaping it), a hard link must name a path inside it, and a symbolic link's target must
 * resolve inside it (absolute targets only when {@link TarPolicy#absoluteSymlinks()} allows them).
 * The stream must end with the end-of-archive marker: a tar cut short, even exactly between two
 * entries, is a failure, never a shorter archive.
 *
 * <p>Failures are {@link StagefarmException}s with the policy's code and the entry name as
 * subject. Not thread-safe.
 */
public final class TarEntryReader implements Closeable {
    private final TarArchiveInputStream tar;
    private final EndMarkerWatch watch;
    private final TarPolicy policy;
    private TarHeader current;
    private boolean ended;

    public TarEntryReader(InputStream in, TarPolicy policy) {
        this.watch = new EndMarkerWatch(in);
        this.tar = new TarArchiveInputStream(watch);
        this.policy = policy;
    }

    /**
     * The next entry, or null at the end of a complete archive. The archive root's own entry
     * ({@code ./}) is skipped. Unsupported types (devices, FIFOs) are skipped too: a build context or
     * artifact has no use for them and extracting them needs privileges.
     */
    public TarHeader next() throws IOException {
        drainCurrent();
        while (true) {
            watch.expectHeaderAt(tar.getBytesRead());
            TarArchiveEntry entry;
            try {
                entry = tar.getNextEntry();
            } catch (StagefarmException e) {
                throw e; // the stream's own verdict (a digest or size check) names what failed
            } catch (IOException | RuntimeException e) {
                throw corrupt(current == null ? "tar" : current.name(), "unreadable tar header after this entry", e);
            }
            if (entry == null) {
                if (!watch.sawEndMarker()) {
                    throw corrupt(current == null ? "tar" : current.name(),
                            "the tar stream ends without its end-of-archive marker (truncated)", null);
                }
                ended = true;
                current = null;
                return null;
            }
            TarHeader header = toHeader(entry);
            if (header != null) {
                current = header;
                return header;
            }
        }
    }

    /** Reads what the caller left of the current entry, so the next header's offset is known. */
    private void drainCurrent() throws IOException {
        if (current == null || current.type() != TarEntryType.FILE) {
            return;
        }
        InputStream rest = content();
        byte[] scratch = new byte[64 * 1024];
        while (rest.read(scratch) >= 0) {
            // discard
        }
    }

    /**
     * The content of the current entry (empty for non-files). Reading it past a truncation fails
     * with the policy's code. Closing the returned stream does not close the archive.
     */
    public InputStream content() {
        String name = current == null ? "tar" : current.name();
        return new FilterInputStream(tar) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw corrupt(name, "entry content is truncated or unreadable", e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    throw corrupt(name, "entry content is truncated or unreadable", e);
                }
            }

            @Override
            public void close() {
                // the archive stays open for the next entry
            }
        };
    }

    /** True once {@link #next()} returned null for a complete archive. */
    public boolean ended() {
        return ended;
    }

    private TarHeader toHeader(TarArchiveEntry e) {
        String raw = e.getName();
        String name = SlashPath.clean(raw);
        if (raw.startsWith("/")) {
            throw corrupt(raw, "absolute path in archive", null);
        }
        if (SlashPath.escapes(name)) {
            throw corrupt(raw, "path escapes the archive root", null);
        }
        if (name.equals(".")) {
            return null;
        }
        TarEntryType type;
        String target = null;
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            return null;
        }
        if (e.isDirectory()) {
            type = TarEntryType.DIRECTORY;
        } else if (e.isSymbolicLink()) {
            type = TarEntryType.SYMLINK;
            target = e.getLinkName();
            checkSymlink(name, target);
        } else if (e.isLink()) {
            type = TarEntryType.HARDLINK;
            target = SlashPath.clean(e.getLinkName());
            if (e.getLinkName().startsWith("/") || SlashPath.escapes(target) || target.equals(".")) {
                throw corrupt(raw, "hard link to \"" + e.getLinkName() + "\" outside the archive", null);
            }
        } else if (e.isFile()) {
            type = TarEntryType.FILE;
        } else {
            return null;
        }
        long size = type == TarEntryType.FILE ? e.getSize() : 0;
        return new TarHeader(name, type, e.getMode(), e.getLongUserId(), e.getLongGroupId(),
                e.getLastModifiedTime() == null ? 0 : e.getLastModifiedTime().toInstant().getEpochSecond(),
                size, target);
    }

    private void checkSymlink(String name, String target) {
        if (target.isEmpty()) {
            throw corrupt(name, "symbolic link with an empty target", null);
        }
        if (target.startsWith("/")) {
            if (!policy.absoluteSymlinks()) {
                throw corrupt(name, "symbolic link to the absolute path \"" + target + "\"", null);
            }
            return;
        }
        String resolved = SlashPath.clean(SlashPath.dir(name) + "/" + target);
        if (SlashPath.escapes(resolved)) {
            throw corrupt(name, "symbolic link to \"" + target + "\" points outside the archive root", null);
        }
    }

    private StagefarmException corrupt(String subject, String message, Throwable cause) {
        return new StagefarmException(policy.failureCode(), subject, 0, message, cause);
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    /**
     * Watches the raw stream for the end-of-archive marker: the block where the next header would
     * start must be all zeros. Commons-compress reports a clean end also when the stream merely
     * stops between two entries, which would turn a truncated download into a smaller archive.
     */
    private static final class EndMarkerWatch extends FilterInputStream {
        private long position;
        private long watchedOffset = -1;
        private int watchedSeen;
        private boolean watchedAllZero = true;

        EndMarkerWatch(InputStream in) {
            super(in);
        }

        void expectHeaderAt(long bytesConsumed) {
            long aligned = (bytesConsumed + TarWriter.BLOCK - 1) / TarWriter.BLOCK * TarWriter.BLOCK;
            if (aligned != watchedOffset) {
                watchedOffset = aligned;
                watchedSeen = 0;
                watchedAllZero = true;
            }
        }

        boolean sawEndMarker() {
            return watchedSeen == TarWriter.BLOCK && watchedAllZero;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                observe(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                observe(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // read instead of skipping so that every byte passes the watch
            byte[] buffer = new byte[(int) Math.min(8192, Math.max(1, n))];
            long done = 0;
            while (done < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        private void observe(byte[] b, int off, int n) {
            long start = position;
            position += n;
            if (watchedOffset < 0) {
                return;
            }
            long from = Math.max(start, watchedOffset);
            long to = Math.min(position, watchedOffset + TarWriter.BLOCK);
            for (long p = from; p < to; p++) {
                if (b[off + (int) (p - start)] != 0) {
                    watchedAllZero = false;
                }
                watchedSeen++;
            }
        }
    }

    /** What a tar may contain, and the failure code for what it must not. */
    public record TarPolicy(FailureCode failureCode, boolean absoluteSymlinks) {
        /** Build contexts: nothing may point outside the context. */
        public static final TarPolicy CONTEXT = new TarPolicy(FailureCode.CONTEXT_INVALID, false);
        /** Artifacts extracted on a host: nothing may point outside the target directory. */
        public static final TarPolicy ARTIFACT = new TarPolicy(FailureCode.ARTIFACT_CORRUPT, false);
        /**
         * Artifacts bound for a container filesystem, where an absolute link target names a path in
         * the container (for example {@code /usr/lib/...}), not on the host.
         */
        public static final TarPolicy CONTAINER_ARTIFACT = new TarPolicy(FailureCode.ARTIFACT_CORRUPT, true);

        public TarPolicy {
            java.util.Objects.requireNonNull(failureCode, "failureCode");
        }
    }
}
