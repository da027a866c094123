package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.copy.ArchiveWriter;
import dev.stagefarm.agent.copy.CopyEntry;
import dev.stagefarm.agent.copy.CopySelection;
import dev.stagefarm.agent.copy.Owner;
import dev.stagefarm.agent.copy.UserDatabase;
import dev.stagefarm.agent.exec.PathKind;
import dev.stagefarm.agent.stage.HeredocFile;
import dev.stagefarm.agent.stage.StageStep;
import dev.stagefarm.agent.translation.BuildState;
import dev.stagefarm.agent.translation.ConfigRules;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * COPY and ADD: selects the files (context, upstream artifacts, heredocs, downloads), writes them
 * as a tar stream with the owners and modes Docker gives them, extracts it into a container of
 * the current image and commits. The stream is produced on a second thread while the daemon
 * consumes it, so nothing is buffered whole.
 */
final class CopyStep {

    private final StageSession session;
    private final StageInputs inputs;
    private final UrlDownloader downloader;

    CopyStep(StageSession session, StageInputs inputs, UrlDownloader downloader) {
        this.session = session;
        this.inputs = inputs;
        this.downloader = downloader;
    }

    String execute(String image, BuildState state, StageStep.Copy copy) {
        String container = session.createIdle(image, state.config());
        String written = copy.destination();
        String dest = ConfigRules.joinWorkdir(state.config().workingDir(), written)
                + (written.endsWith("/") || written.endsWith("/.") || written.equals(".") ? "/" : "");
        // Where the kind cannot change the entries, any answer does: the copy makes one archive request.
        PathKind kind = CopySelection.destinationKindMatters(dest, copy.link())
                ? session.engine().containers().pathKind(container, ConfigRules.cleanPath(dest)) : PathKind.DIRECTORY;
        Owner owner = copy.chown().isEmpty() ? null : users(container).resolve(copy.chown(), copy.line());
        Integer chmod = copy.chmod().isEmpty() ? null : parseMode(copy.chmod(), copy.line());
        List<CopySelection.Source> sources = new ArrayList<>();
        List<CopySelection.InlineFile> inline = new ArrayList<>();
        for (String source : copy.sources()) {
            HeredocFile heredoc = heredoc(copy, source);
            if (heredoc != null) {
                inline.add(new CopySelection.InlineFile(heredoc.name(), heredoc.content().getBytes(StandardCharsets.UTF_8)));
            } else if (copy.add() && UrlDownloader.isUrl(source)) {
                sources.add(downloader.download(source, copy.checksum(), session.tempDir(), copy.line()));
            } else {
                // URLs are never unpacked; a local archive is unless --unpack=false.
                sources.add(new CopySelection.Source(root(copy), source, copy.fromStage() != null,
                        copy.add() && !Boolean.FALSE.equals(copy.unpack())));
            }
        }
        List<CopyEntry> entries = CopySelection.entries(new CopySelection.Request(sources, inline, dest, kind,
                copy.parents(), copy.link(), copy.excludes(), owner, chmod, copy.line()));
        stream(container, entries);
        return session.commit(container, state.config());
    }

    private Path root(StageStep.Copy copy) {
        if (copy.fromStage() == null) {
            if (inputs.context() == null) {
                throw new StagefarmException(FailureCode.CONTEXT_INVALID, "Dockerfile:" + copy.line(), copy.line(),
                        "this stage has no build context");
            }
            return inputs.context();
        }
        return inputs.artifactRoot(copy.fromStage()).orElseThrow(() -> new StagefarmException(
                FailureCode.UNKNOWN_STAGE, copy.fromStage(), copy.line(),
                "no exported files of stage " + copy.fromStage() + " on this agent"));
    }

    private static HeredocFile heredoc(StageStep.Copy copy, String source) {
        if (!source.matches("\\d*<<-?.*")) {
            return null;
        }
        String name = source.replaceFirst("^\\d*<<-?", "").replace("\"", "").replace("'", "");
        return copy.heredocs().stream().filter(h -> h.name().equals(name)).findFirst().orElse(null);
    }

    private void stream(String container, List<CopyEntry> entries) {
        AtomicReference<Exception> writerFailure = new AtomicReference<>();
        try (PipedInputStream in = new PipedInputStream(1 << 16)) {
            PipedOutputStream out = new PipedOutputStream(in);
            Thread writer = new Thread(() -> {
                try (out) {
                    ArchiveWriter.write(entries, out);
                } catch (Exception e) {
                    writerFailure.set(e);
                }
            }, "copy-archive-writer");
            writer.start();
            RuntimeException daemonFailure = null;
            try {
                session.engine().containers().copyInto(container, "/", in);
            } catch (RuntimeException e) {
                daemonFailure = e;
            } finally {
                in.close();
                writer.join();
            }
            // The writer's failure (a broken archive to unpack) is the cause when both fail: the
            // daemon only saw the stream end early. The container is never committed either way.
            writerFailed(writerFailure.get());
            if (daemonFailure != null) {
                throw daemonFailure;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StagefarmException(FailureCode.BUILD_CANCELLED, container, 0, "interrupted while copying");
        }
    }

    private static void writerFailed(Exception failure) {
        if (failure instanceof StagefarmException e) {
            throw e;
        }
        if (failure != null) {
            throw new StagefarmException(FailureCode.INTERNAL, "copy", 0,
                    "writing the copy archive failed: " + failure.getMessage(), failure);
        }
    }

    /** The image's passwd and group files, for {@code --chown} by name. */
    private UserDatabase users(String container) {
        return new UserDatabase(readSmallFile(container, "/etc/passwd"), readSmallFile(container, "/etc/group"));
    }

    private String readSmallFile(String container, String path) {
        if (session.engine().containers().pathKind(container, path) != PathKind.FILE) {
            return "";
        }
        try (InputStream in = session.engine().containers().copyOut(container, path);
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            return tar.getNextEntry() == null ? "" : new String(tar.readNBytes(1 << 20), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int parseMode(String chmod, int line) {
        try {
            int mode = Integer.parseInt(chmod, 8);
            if (mode < 0 || mode > 07777) {
                throw new NumberFormatException(chmod);
            }
            return mode;
        } catch (NumberFormatException e) {
            throw new StagefarmException(FailureCode.DOCKERFILE_INSTRUCTION, "Dockerfile:" + line, line,
                    "invalid chmod parameter: " + chmod + " (only octal modes are supported)");
        }
    }
}
