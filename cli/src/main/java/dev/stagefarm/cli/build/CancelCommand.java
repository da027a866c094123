package dev.stagefarm.cli.build;

import dev.stagefarm.api.BuildView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stagefarm cancel ID}: stops a build on the farm; a build that already ended is left as it is. */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a build.")
public final class CancelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions serverOptions;

    @Parameters(index = "0", paramLabel = "ID", description = "the build id")
    String id;

    @Override
    public Integer call() {
        return serverOptions.run(spec, (client, out) -> {
            BuildView build = client.cancel(id);
            out.println("build " + build.id() + ": " + build.state());
        });
    }
}
