package dev.stagefarm.cli.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the client knows about one stage of a build at one moment. Immutable; changed only through
 * the {@code with...} methods the {@link BuildSnapshot} reducer calls.
 *
 * @param state the stage run state ({@code PENDING}, {@code QUEUED}, {@code RUNNING}, {@code SUCCEEDED},
 *     {@code CACHED}, {@code FAILED}, {@code CANCELLED}, {@code SKIPPED})
 * @param totalSteps instructions in the stage, or 0 when unknown
 * @param step 0-based index of the step running now (or last run), -1 before the first
 * @param instruction that step's instruction as shown to the user, or null
 * @param stepsDone steps finished in the current attempt
 * @param stepsCached of those, steps the agent reused instead of running
 * @param logTail the last complete log lines of the current step, oldest first
 * @param partialLine log text after the last newline (a line still being written)
 */
public record StageSnapshot(int index, String name, String state, int attempt, String agent, int totalSteps,
        int step, String instruction, int stepsDone, int stepsCached, Instant startedAt, Instant finishedAt,
        List<String> logTail, String partialLine) {

    /** Log lines kept per stage: enough for the tty view and for a failure's context. */
    public static final int KEPT_LOG_LINES = 10;

    public StageSnapshot {
        logTail = List.copyOf(logTail);
        partialLine = partialLine == null ? "" : partialLine;
    }

    /**
     * A stage as a build view describes it, before any event: a stage that already succeeded ran
     * all its steps (the view does not say how many were cached; only the events do).
     */
    public static StageSnapshot planned(int index, String name, String state, int attempt, String agent,
            int totalSteps, Instant startedAt, Instant finishedAt) {
        int done = "SUCCEEDED".equals(state) ? Math.max(totalSteps, 0) : 0;
        return new StageSnapshot(index, name, state, attempt, agent, totalSteps, -1, null, done, 0, startedAt,
                finishedAt, List.of(), "");
    }

    /** True once the stage will not change any more. */
    public boolean finished() {
        return switch (state) {
            case "SUCCEEDED", "CACHED", "FAILED", "CANCELLED", "SKIPPED" -> true;
            default -> false;
        };
    }

    StageSnapshot withState(String newState, Instant at) {
        boolean ends = switch (newState) {
            case "SUCCEEDED", "CACHED", "FAILED", "CANCELLED", "SKIPPED" -> true;
            default -> false;
        };
        return new StageSnapshot(index, name, newState, attempt, agent, totalSteps, step, instruction, stepsDone,
                stepsCached, startedAt, ends ? at : finishedAt, logTail, partialLine);
    }

    StageSnapshot queued(int newAttempt) {
        // A new attempt starts from scratch: its steps and logs replace the lost attempt's.
        return new StageSnapshot(index, name, "QUEUED", newAttempt, null, totalSteps, -1, null, 0, 0, null, null,
                List.of(), "");
    }

    StageSnapshot running(String newAgent, Instant at) {
        return new StageSnapshot(index, name, "RUNNING", attempt, newAgent, totalSteps, step, instruction, stepsDone,
                stepsCached, at, null, logTail, partialLine);
    }

    StageSnapshot stepStarted(int newStep, String newInstruction) {
        return new StageSnapshot(index, name, state, attempt, agent, Math.max(totalSteps, 0), newStep,
                newInstruction, stepsDone, stepsCached, startedAt, finishedAt, List.of(), "");
    }

    StageSnapshot stepFinished(boolean cached) {
        return new StageSnapshot(index, name, state, attempt, agent, totalSteps, step, instruction, stepsDone + 1,
                stepsCached + (cached ? 1 : 0), startedAt, finishedAt, logTail, partialLine);
    }

    StageSnapshot logged(String text) {
        List<String> lines = new ArrayList<>(logTail);
        String[] parts = (partialLine + text).replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < parts.length - 1; i++) {
            lines.add(TextCells.lastDrawing(parts[i]));
        }
        String rest = parts[parts.length - 1];
        int drop = Math.max(0, lines.size() - KEPT_LOG_LINES);
        return new StageSnapshot(index, name, state, attempt, agent, totalSteps, step, instruction, stepsDone,
                stepsCached, startedAt, finishedAt, lines.subList(drop, lines.size()), rest);
    }

    /** The last lines including the one being written, at most {@code count}. */
    public List<String> lastLines(int count) {
        List<String> all = new ArrayList<>(logTail);
        if (!partialLine.isEmpty()) {
            all.add(TextCells.lastDrawing(partialLine));
        }
        return all.subList(Math.max(0, all.size() - count), all.size());
    }
}
