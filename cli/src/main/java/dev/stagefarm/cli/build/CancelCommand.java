package dev.stagefarm.cli.build;

import dev.stagefarm.api.BuildView;
import dev.stagefarm.cli.api.CoordinatorClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code stagefarm cancel ID}: stops a build on the farm; a build that already ended is left as it is. */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a build.")
public final class CancelCommand extends BuildIdCommand {
    @Override
    void run(CoordinatorClient client, PrintWriter out) {
        BuildView build = client.cancel(id);
        out.println("build " + build.id() + ": " + build.state());
    }
}
