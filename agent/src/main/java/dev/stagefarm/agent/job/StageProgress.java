package dev.stagefarm.agent.job;

import dev.stagefarm.agent.control.AttemptControl;
import dev.stagefarm.agent.executor.StageListener;
import dev.stagefarm.agent.health.AgentMetrics;
import dev.stagefarm.agent.report.AttemptReporter;
import dev.stagefarm.agent.report.LogChunker;
import dev.stagefarm.agent.stage.StageStep;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Turns the executor's callbacks into events: {@code StepStarted}/{@code StepFinished} with
 * durations, numbered as the user counts instructions ({@link StepNumbers}: the FROM is step 0),
 * output lines batched into numbered {@code LogChunk}s, every line also appended to the stage's
 * full log file. Keeps the current step and its last lines for a failure report, and
 * checks on every callback that the attempt was not stopped. Callbacks come from the stage's
 * thread; {@link #flush()} from the heartbeat thread.
 */
final class StageProgress implements StageListener, AutoCloseable {

    static final int TAIL_LINES = 20;

    private final AttemptReporter reporter;
    private final AttemptControl control;
    private final AgentMetrics metrics;
    private final Clock clock;
    private final LogChunker chunker;
    private final BufferedWriter log;
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile int step = -1;
    private volatile String instruction;
    private Instant stepStart;
    private StepNumbers numbers = new StepNumbers("FROM", List.of());
    private boolean baseRunning;

    StageProgress(AttemptReporter reporter, AttemptControl control, AgentMetrics metrics, Clock clock, Path logFile,
            int chunkChars, Duration chunkAge) throws IOException {
        this.reporter = reporter;
        this.control = control;
        this.metrics = metrics;
        this.clock = clock;
        this.chunker = new LogChunker(reporter::logChunk, clock, chunkChars, chunkAge);
        this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
    }

    /**
     * The stage's FROM starts (step 0): called just before the executor resolves the base. It ends
     * when the executor starts the first instruction after it, or at {@link #baseFinished()}.
     */
    void baseStarted(StepNumbers stageNumbers) {
        numbers = stageNumbers;
        start(0, stageNumbers.from());
        baseRunning = true;
    }

    /** Ends the FROM step if it still runs (a stage of a FROM alone); harmless twice. */
    void baseFinished() {
        if (baseRunning) {
            baseRunning = false;
            finish(0, false);
        }
    }

    @Override
    public void stepStarted(int index, StageStep stageStep) {
        control.checkRunning();
        baseFinished();
        int number = numbers.of(index);
        if (number != step) {
            start(number, stageStep.text());
        }
    }

    @Override
    public void stepFinished(int index, StageStep stageStep, boolean cached) {
        if (numbers.endsInstruction(index)) {
            finish(numbers.of(index), cached);
        }
        control.checkRunning();
    }

    private void start(int number, String text) {
        chunker.flush();
        step = number;
        instruction = text;
        stepStart = clock.instant();
        synchronized (tail) {
            tail.clear();
        }
        write("#" + number + " " + text);
        reporter.stepStarted(number, text);
    }

    private void finish(int number, boolean cached) {
        chunker.flush();
        Duration took = Duration.between(stepStart, clock.instant());
        metrics.stepFinished(took, cached);
        write("#" + number + (cached ? " CACHED" : " DONE " + took.toMillis() + " ms"));
        reporter.stepFinished(number, cached, took.toMillis());
    }

    @Override
    public void line(Stream stream, String text) {
        // No stop check here: this runs inside the daemon's log stream; killing the container ends it.
        synchronized (tail) {
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(text);
        }
        write("#" + step + " " + text);
        chunker.line(step, stream.name().toLowerCase(Locale.ROOT), text);
    }

    /** The step running now (or last), -1 before the first. */
    int step() {
        return step;
    }

    String instruction() {
        return instruction;
    }

    List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /** Sends what the chunker holds (called from the heartbeat). */
    void flush() {
        chunker.flush();
    }

    /** A line of the agent's own in the stage log (not sent as a chunk). */
    void note(String text) {
        write("# " + text);
    }

    private void write(String text) {
        synchronized (log) {
            try {
                log.write(text);
                log.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        chunker.flush();
        synchronized (log) {
            log.close();
        }
    }
}
