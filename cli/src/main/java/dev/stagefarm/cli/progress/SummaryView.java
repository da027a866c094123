package dev.stagefarm.cli.progress;

import dev.stagefarm.api.BuildView;
import java.util.ArrayList;
import java.util.List;

/**
 * What every progress mode but {@code quiet} prints when a build ends: the outcome, one line per
 * stage (agent, time, built or cached), and the image; for a failure, the failing step and the
 * tail of its log. Pure.
 */
public final class SummaryView {
    private SummaryView() {
    }

    public static List<String> render(BuildSnapshot snapshot, BuildView.Image image) {
        List<String> lines = new ArrayList<>();
        java.time.Instant start = snapshot.createdAt() != null ? snapshot.createdAt() : snapshot.startedAt();
        lines.add("Build " + snapshot.buildId() + " " + snapshot.state()
                + (snapshot.finishedAt() != null && start != null
                        ? " in " + Elapsed.between(start, snapshot.finishedAt()) : ""));
        int nameWidth = snapshot.stages().stream().mapToInt(s -> TextCells.printable(s.name()).length()).max()
                .orElse(0);
        int agentWidth = snapshot.stages().stream()
                .mapToInt(s -> s.agent() == null ? 1 : TextCells.printable(s.agent()).length()).max().orElse(1);
        for (StageSnapshot s : snapshot.stages()) {
            String agent = s.agent() == null ? "-" : TextCells.printable(s.agent());
            String outcome = switch (s.state()) {
                case "SUCCEEDED" -> "built   " + Elapsed.between(s.startedAt(), s.finishedAt()) + "  " + StageText.steps(s);
                case "CACHED" -> "cached";
                default -> s.state().toLowerCase(java.util.Locale.ROOT)
                        + (s.startedAt() != null && s.finishedAt() != null
                                ? "  " + Elapsed.between(s.startedAt(), s.finishedAt()) : "");
            };
            lines.add("  " + TextCells.pad(TextCells.printable(s.name()), nameWidth) + "  "
                    + TextCells.pad(agent, agentWidth) + "  " + outcome);
        }
        if ("SUCCEEDED".equals(snapshot.state()) && image != null
                && (image.digest() != null || !image.references().isEmpty())) {
            lines.add(image(image));
        }
        if (snapshot.failure() != null && !"SUCCEEDED".equals(snapshot.state())) {
            lines.addAll(failure(snapshot));
        }
        return lines;
    }

    // `app:1.0 sha256:<id>` for an image kept on the farm; a pushed one (`name@sha256:<manifest>`,
    // what docker push prints) says so.
    private static String image(BuildView.Image image) {
        String references = image.references().stream().map(TextCells::printable)
                .collect(java.util.stream.Collectors.joining(", "));
        if (image.digest() == null) {
            return "Image: " + references;
        }
        String digest = TextCells.printable(image.digest());
        String between = references.isEmpty() ? "" : " ";
        return digest.contains("@") ? "Image: " + references + between + "pushed as " + digest
                : "Image: " + references + between + digest;
    }

    private static List<String> failure(BuildSnapshot snapshot) {
        BuildView.Failure f = snapshot.failure();
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder("ERROR: ").append(f.code());
        if (f.subject() != null && !f.subject().isEmpty()) {
            head.append(" (").append(TextCells.printable(f.subject())).append(")");
        }
        if (f.message() != null) {
            head.append(": ").append(TextCells.printable(f.message()));
        }
        lines.add(head.toString());
        if (f.step() != null && !f.step().isEmpty()) {
            lines.add("  failing step: " + TextCells.printable(f.step()));
        }
        List<String> tail = f.logTail();
        if (tail.isEmpty()) {
            tail = snapshot.stages().stream().filter(s -> "FAILED".equals(s.state())).findFirst()
                    .map(s -> s.lastLines(StageSnapshot.KEPT_LOG_LINES)).orElse(List.of());
        }
        if (!tail.isEmpty()) {
            lines.add("  last lines of its log:");
            tail.forEach(line -> lines.add("  | " + TextCells.printable(line)));
        }
        return lines;
    }
}
