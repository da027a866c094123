package dev.stagefarm.cli.progress;

/** The words that describe a stage's state, shared by the views so they say the same thing. */
final class StageText {
    private StageText() {
    }

    /** {@code step 3/7} (or {@code step 3} when the stage's length is unknown), 1-based. */
    static String step(StageSnapshot s, int step) {
        return "step " + (step + 1) + (s.totalSteps() > 0 ? "/" + s.totalSteps() : "");
    }

    static String status(StageSnapshot s) {
        return switch (s.state()) {
            case "PENDING" -> "waiting";
            case "QUEUED" -> s.attempt() > 1 ? "queued (attempt " + s.attempt() + ")" : "queued";
            case "RUNNING" -> s.step() < 0 ? "starting"
                    : step(s, s.step()) + " " + TextCells.printable(s.instruction());
            case "SUCCEEDED" -> "built, " + steps(s);
            case "CACHED" -> "CACHED";
            case "FAILED" -> s.step() < 0 ? "FAILED" : "FAILED at " + step(s, s.step()) + " "
                    + TextCells.printable(s.instruction());
            case "CANCELLED" -> "cancelled";
            case "SKIPPED" -> "skipped";
            default -> s.state().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** {@code 4 steps (1 cached)}. */
    static String steps(StageSnapshot s) {
        String text = s.stepsDone() + (s.stepsDone() == 1 ? " step" : " steps");
        return s.stepsCached() > 0 ? text + " (" + s.stepsCached() + " cached)" : text;
    }
}
