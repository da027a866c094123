package dev.stagefarm.cli.progress;

import dev.stagefarm.cli.api.ProgressEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The view for logs that are read later (CI, a file): one line per event, or one per log line,
 * each starting with the time since the build was created and the stage it is about. Pure: an
 * event and the snapshot after it give the lines; no control characters.
 */
public final class PlainView {
    private PlainView() {
    }

    /** The lines for {@code event}; {@code after} is the snapshot with the event applied. */
    public static List<String> render(ProgressEvent event, BuildSnapshot after) {
        Instant start = after.createdAt() != null ? after.createdAt() : after.startedAt();
        String prefix = String.format(java.util.Locale.ROOT, "%7s ",
                start == null ? "" : Elapsed.between(start, event.time()));
        StageSnapshot stage = after.stage(event.stageIndex());
        String who = stage == null ? "build" : "[" + TextCells.printable(stage.name()) + "]";
        List<String> lines = new ArrayList<>();
        if ("LOG".equals(event.kind())) {
            String text = event.text("text") == null ? "" : event.text("text");
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            for (String line : text.split("\r?\n", -1)) {
                lines.add(prefix + who + " | " + TextCells.printable(TextCells.lastDrawing(line)));
            }
            return lines;
        }
        String what = describe(event, after, stage);
        if (what != null) {
            lines.add(prefix + who + " " + what);
        }
        return lines;
    }

    private static String describe(ProgressEvent event, BuildSnapshot after, StageSnapshot stage) {
        String kind = event.kind() == null ? "" : event.kind();
        switch (kind) {
            case "BUILD_RUNNING":
                return "running";
            case "BUILD_SUCCEEDED":
                return "succeeded";
            case "BUILD_FAILED":
            case "BUILD_CANCELLED":
                String code = event.text("code");
                String message = event.text("message");
                return kind.substring("BUILD_".length()).toLowerCase(java.util.Locale.ROOT)
                        + (code == null ? "" : ": " + code) + (message == null ? "" : ": " + TextCells.printable(message));
            default:
                break;
        }
        if (stage == null) {
            return null;
        }
        return switch (kind) {
            case "STAGE_QUEUED" -> "queued (attempt " + event.number("attempt", 1) + ")";
            case "STAGE_RUNNING" -> "running on " + TextCells.printable(event.text("agent"));
            case "STAGE_RETRY" -> "lost its attempt (" + event.text("code") + "), retrying";
            case "STAGE_SUCCEEDED" -> "built in " + Elapsed.between(stage.startedAt(), stage.finishedAt()) + ", "
                    + StageText.steps(stage);
            case "STAGE_CACHED" -> "CACHED";
            case "STAGE_FAILED" -> "FAILED";
            case "STAGE_CANCELLED" -> "cancelled";
            case "STAGE_SKIPPED" -> "skipped";
            case "STEP_STARTED" -> StageText.step(stage, (int) event.number("step", 0)) + " "
                    + TextCells.printable(event.text("instruction"));
            case "STEP_FINISHED" -> StageText.step(stage, (int) event.number("step", 0))
                    + (event.flag("cached") ? " CACHED"
                            : " done in " + Elapsed.format(java.time.Duration.ofMillis(event.number("durationMillis", 0))));
            case "ARTIFACT_STORED" -> "stored " + event.text("objectKey") + " (" + Bytes.format(event.number("size", 0))
                    + ")";
            default -> null;
        };
    }
}
