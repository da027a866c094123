package dev.stagefarm.cli.progress;

import dev.stagefarm.api.BuildView;
import dev.stagefarm.cli.api.ProgressEvent;

/**
 * Shows a build's progress in one of the {@link ProgressMode}s. Called from the thread that
 * follows the events; implementations say whether they are thread-safe.
 */
public interface ProgressPrinter extends AutoCloseable {

    /** The build as created, before any event. */
    void start(BuildSnapshot snapshot);

    /** One event, with the snapshot after it. */
    void event(ProgressEvent event, BuildSnapshot after);

    /** The build ended (or the client stopped following it): final frame and summary. */
    void finish(BuildSnapshot snapshot, BuildView.Image image);

    /** Stops drawing until {@link #resume()} (while the user is asked something). */
    default void pause() {
    }

    default void resume() {
    }

    @Override
    default void close() {
    }

    /** The printer for {@code mode} writing progress to {@code err} and the quiet result to {@code out}. */
    static ProgressPrinter of(ProgressMode mode, java.io.PrintWriter out, java.io.PrintWriter err, int width) {
        return switch (mode) {
            case tty -> new TtyPrinter(err, width, java.time.Clock.systemUTC(), java.time.Duration.ofMillis(100));
            case plain, auto -> new PlainPrinter(err);
            case rawjson -> new RawJsonPrinter(err);
            case quiet -> new QuietPrinter(out, err);
        };
    }
}
