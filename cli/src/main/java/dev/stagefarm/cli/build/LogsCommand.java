package dev.stagefarm.cli.build;

import dev.stagefarm.api.BuildView;
import dev.stagefarm.cli.api.CoordinatorClient;
import dev.stagefarm.cli.api.EventFollower;
import dev.stagefarm.cli.api.ProgressEvent;
import dev.stagefarm.cli.progress.BuildSnapshot;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stagefarm logs ID}: the output of a build's steps, each line prefixed with its stage
 * (no prefix with {@code --stage}). With {@code --follow} it goes on until the build ends; without,
 * it stops once the log so far has been replayed (the stream has been quiet for a moment).
 */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print the logs of a build's steps.")
public final class LogsCommand extends BuildIdCommand {
    static final Duration QUIET = Duration.ofMillis(1500);

    @Option(names = {"-f", "--follow"}, description = "keep printing until the build ends")
    boolean follow;

    @Option(names = "--stage", paramLabel = "NAME", description = "only this stage's log")
    String stage;

    private final Map<Integer, StringBuilder> partial = new java.util.TreeMap<>();

    @Override
    void run(CoordinatorClient client, PrintWriter out) {
        BuildView build = client.build(id);
        // a stage without AS NAME is stage-N, as in the progress view (and --stage stage-N selects it)
        Map<Integer, String> names = build.stages().stream().collect(Collectors.toMap(BuildView.StageView::index,
                BuildSnapshot::displayName, (a, b) -> a, java.util.TreeMap::new));
        if (stage != null && !names.containsValue(stage)) {
            throw new StagefarmException(FailureCode.UNKNOWN_STAGE, "stage " + stage, 0, "stage `" + stage
                    + "` not found; stages are: " + String.join(", ", names.values()));
        }
        EventFollower follower = new EventFollower(client, 5, Duration.ofMillis(500));
        boolean stopWhenQuiet = !follow && !build.ended();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stagefarm-logs");
            t.setDaemon(true);
            return t;
        });
        ScheduledFuture<?>[] pending = {stopWhenQuiet ? timer.schedule(follower::stop, QUIET.toMillis(),
                TimeUnit.MILLISECONDS) : null};
        try {
            follower.follow(id, 0, event -> {
                if (stopWhenQuiet) {
                    pending[0].cancel(false);
                    pending[0] = timer.schedule(follower::stop, QUIET.toMillis(), TimeUnit.MILLISECONDS);
                }
                print(out, event, names);
            });
        } finally {
            timer.shutdownNow();
        }
        partial.forEach((index, rest) -> {
            if (rest.length() > 0) {
                out.println(names.getOrDefault(index, "?") + " | " + rest);
            }
        });
    }

    private void print(PrintWriter out, ProgressEvent event, Map<Integer, String> names) {
        if (!"LOG".equals(event.kind()) || event.text("text") == null) {
            return;
        }
        String name = names.getOrDefault(event.stageIndex(), event.text("stage"));
        if (stage != null && !stage.equals(name)) {
            return;
        }
        String text = event.text("text");
        if (stage != null) {
            out.print(text);
        } else {
            // Chunks may end in the middle of a line: print whole lines, each with its stage.
            StringBuilder pending = partial.computeIfAbsent(event.stageIndex() == null ? -1 : event.stageIndex(), i -> new StringBuilder()).append(text);
            int newline;
            while ((newline = pending.indexOf("\n")) >= 0) {
                out.println(name + " | " + pending.substring(0, newline));
                pending.delete(0, newline + 1);
            }
        }
        out.flush();
    }
}
