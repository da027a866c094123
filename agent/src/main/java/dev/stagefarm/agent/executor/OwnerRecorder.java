package dev.stagefarm.agent.executor;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Notes the owner of every entry of a tar stream while another reader consumes it, so owners
 * can be restored after a safe extraction (which, by design, does not chown). The bytes pass
 * through a bounded pipe to a second thread that reads only headers; only names and ids are kept.
 */
final class OwnerRecorder extends FilterInputStream {

    private final PipedOutputStream copy;
    private final Thread reader;
    private final Map<String, int[]> owners = new LinkedHashMap<>();

    OwnerRecorder(InputStream in) throws IOException {
        super(in);
        PipedInputStream headers = new PipedInputStream(1 << 16);
        this.copy = new PipedOutputStream(headers);
        this.reader = new Thread(() -> collect(headers), "artifact-owner-recorder");
        reader.start();
    }

    private void collect(PipedInputStream headers) {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(headers)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                synchronized (owners) {
                    owners.put(entry.getName(), new int[] {(int) entry.getLongUserId(), (int) entry.getLongGroupId()});
                }
            }
            headers.transferTo(OutputSink.INSTANCE);
        } catch (IOException e) {
            // The extractor reports broken archives; owners of what was read are still applied.
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            copy.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            copy.write(buffer, offset, n);
        }
        return n;
    }

    /**
     * Keeps the source open when the extractor closes its view: {@link #applyTo} still drains it
     * (so the digest check sees every byte); the owner of the source closes it.
     */
    @Override
    public void close() {
    }

    /** Ends the header reader and gives every extracted path under {@code root} its recorded owner. */
    void applyTo(Path root) throws IOException {
        byte[] rest = in.readAllBytes();
        copy.write(rest);
        copy.close();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Path base = root.toAbsolutePath().normalize();
        synchronized (owners) {
            for (Map.Entry<String, int[]> owner : owners.entrySet()) {
                Path path = base.resolve(owner.getKey()).normalize();
                if (path.startsWith(base) && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setAttribute(path, "unix:uid", owner.getValue()[0], LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(path, "unix:gid", owner.getValue()[1], LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /** Discards bytes. */
    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
