package dev.stagefarm.agent.executor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagefarm.agent.exec.PathKind;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.translation.ConfigRules;
import dev.stagefarm.digest.DigestingOutputStream;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * streamed from the daemon straight into object storage, then a manifest with its digest and
 * size, written last so its presence marks the result complete; or the whole image as a
 * {@code docker save} stream when a later stage builds FROM this one. Nothing is held in memory.
 */
public final class ArtifactExport {

    /** The manifest written next to the files tar. */
    public record Manifest(List<String> paths, String digest, long size) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StageSession session;
    private final ObjectStore store;

    public ArtifactExport(StageSession session, ObjectStore store) {
        this.session = session;
        this.store = store;
    }

    /** Exports {@code paths} of {@code image} to {@code objectKey}, then the manifest to {@code manifestKey}. */
    public Manifest exportFiles(String image, List<String> paths, String objectKey, String manifestKey) throws IOException {
        String container = session.createIdle(image, ImageConfig.empty());
        for (String path : paths) {
            if (session.engine().containers().pathKind(container, ConfigRules.cleanPath(path)) == PathKind.MISSING) {
                throw new StagefarmException(FailureCode.COPY_SOURCE_MISSING, path, 0,
                        "path " + path + " does not exist in the stage's result");
            }
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicReference<DigestingOutputStream> digest = new AtomicReference<>();
        try (PipedInputStream upload = new PipedInputStream(1 << 16)) {
            PipedOutputStream pipe = new PipedOutputStream(upload);
            Thread writer = new Thread(() -> {
                try (DigestingOutputStream counted = new DigestingOutputStream(pipe)) {
                    digest.set(counted);
                    writeTar(container, paths, counted);
                } catch (Exception e) {
                    failure.set(e);
                }
            }, "artifact-export");
            writer.start();
            try {
                store.put(objectKey, upload, -1);
            } finally {
                upload.close();
                joinQuietly(writer);
            }
        }
        if (failure.get() != null) {
            throw new StagefarmException(FailureCode.DOCKER_DAEMON, objectKey, 0,
                    "reading exported paths from the daemon failed: " + failure.get().getMessage(), failure.get());
        }
        Manifest manifest = new Manifest(List.copyOf(paths), digest.get().digest().toString(), digest.get().count());
        ObjectNode json = JSON.valueToTree(manifest);
        byte[] bytes = JSON.writeValueAsBytes(json);
        store.put(manifestKey, new ByteArrayInputStream(bytes), bytes.length);
        return manifest;
    }

    private void writeTar(String container, List<String> paths, java.io.OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
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
                        entries.transferTo(tar);
                    }
                    tar.closeArchiveEntry();
                }
            }
        }
        tar.finish();
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
