package dev.stagefarm.cli.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The live view of a build for a terminal: a header, then one line per stage with its agent,
 * step and elapsed time; a running stage also shows the last lines of its step's log, a finished
 * stage is one line. Pure: the same snapshot, width and time give the same lines, none wider than
 * {@code width}, none with control characters; drawing them is {@link TtyPrinter}'s job.
 */
public final class ProgressView {
    /** Log lines shown under a running stage. */
    public static final int LOG_LINES = 3;

    private ProgressView() {
    }

    public static List<String> render(BuildSnapshot snapshot, int width, Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add(TextCells.fit(header(snapshot, now), width));
        int nameWidth = snapshot.stages().stream().mapToInt(s -> TextCells.printable(s.name()).length()).max()
                .orElse(0);
        int agentWidth = snapshot.stages().stream().mapToInt(s -> agent(s).length()).max().orElse(0);
        for (StageSnapshot s : snapshot.stages()) {
            String left = " => " + TextCells.pad(TextCells.printable(s.name()), nameWidth)
                    + (agentWidth > 0 ? "  " + TextCells.pad(agent(s), agentWidth) : "")
                    + "  " + StageText.status(s);
            lines.add(TextCells.spread(left, time(s, now), width));
            if ("RUNNING".equals(s.state())) {
                for (String log : s.lastLines(LOG_LINES)) {
                    lines.add(TextCells.fit("    | " + TextCells.printable(log), width));
                }
            }
        }
        return lines;
    }

    private static String header(BuildSnapshot snapshot, Instant now) {
        long done = snapshot.stages().stream().filter(StageSnapshot::finished).count();
        String counts = " (" + done + "/" + snapshot.stages().size() + " stages)";
        Instant start = snapshot.createdAt() != null ? snapshot.createdAt() : snapshot.startedAt();
        if (snapshot.ended()) {
            return "[+] Build " + snapshot.state() + " in " + Elapsed.between(start, snapshot.finishedAt()) + counts;
        }
        String running = start == null ? "" : " " + Elapsed.between(start, now);
        return "[+] Building" + running + counts;
    }

    private static String agent(StageSnapshot s) {
        return s.agent() == null ? "" : TextCells.printable(s.agent());
    }

    private static String time(StageSnapshot s, Instant now) {
        if ("CACHED".equals(s.state())) {
            return "0.0s";
        }
        if (s.startedAt() == null) {
            return "";
        }
        return Elapsed.between(s.startedAt(), s.finishedAt() != null ? s.finishedAt() : now);
    }
}
