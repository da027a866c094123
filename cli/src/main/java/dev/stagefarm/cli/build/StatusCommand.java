package dev.stagefarm.cli.build;

import dev.stagefarm.api.BuildView;
import dev.stagefarm.cli.progress.BuildSnapshot;
import dev.stagefarm.cli.progress.ProgressView;
import dev.stagefarm.cli.progress.SummaryView;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stagefarm status ID}: a build's state and its stages, once (no escape codes). */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a build's state and stages.")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions serverOptions;

    @Parameters(index = "0", paramLabel = "ID", description = "the build id")
    String id;

    @Override
    public Integer call() {
        return serverOptions.run(spec, (client, out) -> {
            BuildView build = client.build(id);
            BuildSnapshot snapshot = BuildSnapshot.of(build);
            if (build.ended()) {
                SummaryView.render(snapshot, build.image()).forEach(out::println);
            } else {
                ProgressView.render(snapshot, 120, Instant.now()).forEach(out::println);
            }
        });
    }
}
