package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.exec.PathKind;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.translation.ConfigRules;
import dev.stagefarm.artifactstore.ArtifactManifest;
import dev.stagefarm.artifactstore.ArtifactUpload;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Stores what later stages need from a finished stage: the listed paths as ONE tar (entries
 * named by their absolute path without the leading slash, owners and modes as in the image),
 * streamed from the daemon straight into object storage ({@link ArtifactUpload}: one object, or
 * chunks when large), then a manifest with its digest, size and chunks, written last so its
 * presence marks the result complete. Memory stays bounded whatever the size.
 */
public final class ArtifactExport {
    /** 1 MiB: the daemon's reader and the upload hand over in large steps. */
    private static final int PIPE_SIZE = 1 << 20;
    /** 256 KiB per copy step from the daemon's tar into ours (an 8 KiB step cost a pipe hand-over each). */
    private static final int COPY_BUFFER = 256 << 10;

    private final StageSession session;
    private final ObjectStore store;

    public ArtifactExport(StageSession session, ObjectStore store) {
        this.session = session;
        this.store = store;
    }

    /** Exports {@code paths} of {@code image} to {@code objectKey}, then the manifest to {@code manifestKey}. */
    public ArtifactManifest exportFiles(String image, List<String> paths, String objectKey, String manifestKey)
            throws IOException {
        String container = session.createIdle(image, ImageConfig.empty());
        for (String path : paths) {
            if (session.engine().containers().pathKind(container, ConfigRules.cleanPath(path)) == PathKind.MISSING) {
                throw new StagefarmException(FailureCode.COPY_SOURCE_MISSING, path, 0,
                        "path " + path + " does not exist in the stage's result");
            }
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (PipedInputStream tar = new PipedInputStream(PIPE_SIZE)) {
            PipedOutputStream pipe = new PipedOutputStream(tar);
            Thread writer = new Thread(() -> {
                try {
                    writeTar(container, paths, pipe);
                } catch (Exception e) {
                    failure.set(e);
                } finally {
                    closeQuietly(pipe);
                }
            }, "artifact-export");
            writer.start();
            try {
                return new ArtifactUpload(store).store(objectKey, manifestKey, paths, new DaemonTar(tar, failure));
            } catch (DaemonFailure e) {
                throw new StagefarmException(FailureCode.DOCKER_DAEMON, objectKey, 0,
                        "reading exported paths from the daemon failed: " + e.getCause().getMessage(), e.getCause());
            } finally {
                tar.close();
                joinQuietly(writer);
            }
        }
    }

    private void writeTar(String container, List<String> paths, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        byte[] buffer = new byte[COPY_BUFFER];
        for (String path : paths) {
            String clean = ConfigRules.cleanPath(path);
            // The daemon names entries from the path's last element; put its parent folders back.
            String parent = clean.substring(1, clean.lastIndexOf('/') + 1);
            try (InputStream in = session.engine().containers().copyOut(container, clean);
                    TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
                TarArchiveEntry entry;
                while ((entry = entries.getNextEntry()) != null) {
                    entry.setName(parent + entry.getName());
                    tar.putArchiveEntry(entry);
                    if (entry.isFile()) {
                        copy(entries, tar, buffer);
                    }
                    tar.closeArchiveEntry();
                }
            }
        }
        tar.finish();
    }

    /** Copies in large steps: every write into the pipe takes its lock and may wake the reader. */
    private static void copy(InputStream in, OutputStream out, byte[] buffer) throws IOException {
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
        }
    }

    private static void closeQuietly(PipedOutputStream pipe) {
        try {
            pipe.close();
        } catch (IOException e) {
            // the reading side is gone already
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The writer's failure, reported where its tar would have ended: the upload then stores nothing. */
    private static final class DaemonFailure extends IOException {
        DaemonFailure(Exception cause) {
            super(cause);
        }
    }

    /** The tar as the writer pipes it; its end is a failure when the writer failed. */
    private static final class DaemonTar extends FilterInputStream {
        private final AtomicReference<Exception> failure;

        DaemonTar(InputStream in, AtomicReference<Exception> failure) {
            super(in);
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            return atEnd(super.read());
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return atEnd(super.read(buffer, offset, length));
        }

        private int atEnd(int n) throws DaemonFailure {
            if (n < 0 && failure.get() != null) {
                throw new DaemonFailure(failure.get());
            }
            return n;
        }
    }
}
