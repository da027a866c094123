package dev.stagefarm.cli.build;

import dev.stagefarm.cli.api.CoordinatorClient;
import dev.stagefarm.cli.progress.Bytes;
import dev.stagefarm.context.ContextPacker;
import dev.stagefarm.context.PackedContext;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends a build context to the farm once: packs it (honouring {@code .dockerignore}) into a
 * temporary tar while computing its digest, asks the coordinator whether it already has that
 * digest, and uploads the file only when it does not. The tar is streamed from disk and deleted
 * afterwards; nothing is held in memory.
 */
public final class ContextUpload {
    /** Contexts at least this large get a progress bar. */
    static final long BAR_THRESHOLD = 1024 * 1024;

    private final CoordinatorClient client;
    private final PrintWriter err;
    private final boolean terminal;
    private final Clock clock;

    public ContextUpload(CoordinatorClient client, PrintWriter err, boolean terminal, Clock clock) {
        this.client = client;
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
    }

    /** What was sent: the packed context and whether it had to be uploaded. */
    public record Sent(PackedContext context, boolean uploaded) {
    }

    /** Packs {@code contextDir} for {@code dockerfile} (a path inside it) and makes sure the farm has it. */
    public Sent send(Path contextDir, String dockerfile) throws IOException {
        Path tar = Files.createTempFile("stagefarm-context-", ".tar");
        try {
            PackedContext packed = pack(contextDir, dockerfile, tar);
            String hex = packed.digest().hex();
            if (client.contextSize(hex).isPresent()) {
                err.println("context " + packed.digest() + " (" + Bytes.format(packed.size()) + ") is already on the farm");
                err.flush();
                return new Sent(packed, false);
            }
            boolean bar = packed.size() >= BAR_THRESHOLD;
            UploadBar progress = new UploadBar(err, terminal, clock, Duration.ofMillis(100));
            if (bar) {
                progress.started(packed.size());
            }
            Instant start = clock.instant();
            client.uploadContext(hex, tar, bar ? progress : dev.stagefarm.cli.api.TransferListener.NONE);
            if (bar) {
                progress.finished(packed.size(), Duration.between(start, clock.instant()));
            }
            return new Sent(packed, true);
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    /** Packs the context into {@code tar}. */
    static PackedContext pack(Path contextDir, String dockerfile, Path tar) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tar), 256 * 1024)) {
            return new ContextPacker().pack(contextDir, dockerfile, out);
        }
    }
}
