package dev.stagefarm.cli.progress;

import dev.stagefarm.api.BuildView;
import dev.stagefarm.cli.api.ProgressEvent;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code --progress tty}: owns the terminal and redraws {@link ProgressView}'s frame in place with
 * ANSI cursor moves. Events only replace the snapshot to show; a timer draws it at most once per
 * {@code interval} (the elapsed times move even without events), so a chatty build does not flood
 * the terminal. Thread-safe: drawing is serialized on this object.
 */
final class TtyPrinter implements ProgressPrinter {
    private static final String UP = "\u001B[%dA";
    private static final String CLEAR_LINE = "\u001B[2K";
    private static final String CLEAR_BELOW = "\u001B[J";

    private final PrintWriter err;
    private final int width;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private volatile BuildSnapshot latest;
    private int drawnLines;
    private boolean paused;

    TtyPrinter(PrintWriter err, int width, Clock clock, Duration interval) {
        this.err = err;
        this.width = width;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stagefarm-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::draw, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void start(BuildSnapshot snapshot) {
        latest = snapshot;
        draw();
    }

    @Override
    public void event(ProgressEvent event, BuildSnapshot after) {
        latest = after;
    }

    @Override
    public void finish(BuildSnapshot snapshot, BuildView.Image image) {
        timer.shutdownNow();
        synchronized (this) {
            latest = snapshot;
            paused = false;
            drawFrame(snapshot);
            SummaryView.render(snapshot, image).forEach(err::println);
            err.flush();
        }
    }

    @Override
    public synchronized void pause() {
        paused = true;
        drawnLines = 0;
        err.println();
        err.flush();
    }

    @Override
    public synchronized void resume() {
        paused = false;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private synchronized void draw() {
        BuildSnapshot snapshot = latest;
        if (snapshot != null && !paused) {
            drawFrame(snapshot);
        }
    }

    private void drawFrame(BuildSnapshot snapshot) {
        List<String> lines = ProgressView.render(snapshot, width, clock.instant());
        StringBuilder frame = new StringBuilder();
        if (drawnLines > 0) {
            frame.append('\r').append(String.format(UP, drawnLines));
        }
        for (String line : lines) {
            frame.append(CLEAR_LINE).append(line).append('\n');
        }
        frame.append(CLEAR_BELOW);
        err.print(frame);
        err.flush();
        drawnLines = lines.size();
    }
}
