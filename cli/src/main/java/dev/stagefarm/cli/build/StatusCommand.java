package dev.stagefarm.cli.build;

import dev.stagefarm.api.BuildView;
import dev.stagefarm.cli.api.CoordinatorClient;
import dev.stagefarm.cli.progress.BuildSnapshot;
import dev.stagefarm.cli.progress.ProgressView;
import dev.stagefarm.cli.progress.SummaryView;
import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine.Command;

/** {@code stagefarm status ID}: a build's state and its stages, once (no escape codes). */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a build's state and stages.")
public final class StatusCommand extends BuildIdCommand {
    @Override
    void run(CoordinatorClient client, PrintWriter out) {
        BuildView build = client.build(id);
        BuildSnapshot snapshot = BuildSnapshot.of(build);
        if (build.ended()) {
            SummaryView.render(snapshot, build.image()).forEach(out::println);
        } else {
            ProgressView.render(snapshot, 120, Instant.now()).forEach(out::println);
        }
    }
}
