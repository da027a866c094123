package dev.stagefarm.cli.build;

import dev.stagefarm.cli.api.BuildView;
import java.io.PrintWriter;
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
        PrintWriter out = spec.commandLine().getOut();
        try {
            BuildView build = serverOptions.client(System.getenv()).cancel(id);
            out.println("build " + build.id() + ": " + build.state());
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            return serverOptions.report(spec.commandLine().getErr(), e);
        }
    }
}
