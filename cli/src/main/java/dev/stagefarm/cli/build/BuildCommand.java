package dev.stagefarm.cli.build;

import dev.stagefarm.cli.progress.ProgressMode;
import dev.stagefarm.cli.progress.Terminal;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stagefarm build}: {@code docker build} on the farm. The flags mean what they mean to
 * {@code docker buildx build}; the work is done by {@link BuildSession}.
 */
@Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Build an image from a Dockerfile on the farm (docker build compatible).")
public final class BuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions serverOptions;

    @Option(names = {"-f", "--file"}, paramLabel = "PATH", description = "the Dockerfile (default: CONTEXT/Dockerfile)")
    String file;

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME[:TAG]", description = "name the image (repeatable)")
    List<String> tags;

    @Option(names = "--target", paramLabel = "STAGE", description = "build this stage (default: the last)")
    String target;

    @Option(names = "--build-arg", paramLabel = "NAME[=VALUE]",
            description = "set a build argument; NAME alone takes it from the environment (repeatable)")
    List<String> buildArgs;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "target platform")
    String platform;

    @Option(names = "--no-cache", description = "build every stage, even when a cached result exists")
    boolean noCache;

    @Option(names = "--label", paramLabel = "NAME=VALUE", description = "set a label (repeatable)")
    List<String> labels;

    @Option(names = "--push", description = "push the image (same as --output type=registry)")
    boolean push;

    @Option(names = "--load", description = "load the image into the local Docker daemon (same as --output type=docker)")
    boolean load;

    @Option(names = {"-o", "--output"}, paramLabel = "SPEC",
            description = "type=local,dest=DIR | type=tar,dest=FILE | type=docker[,dest=FILE] | type=image[,push=true] (repeatable)")
    List<String> outputs;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto, tty, plain, rawjson or quiet (default: ${DEFAULT-VALUE})")
    ProgressMode progress;

    @Option(names = "--detach", description = "print the build id and return at once")
    boolean detach;

    @Parameters(index = "0", paramLabel = "CONTEXT", description = "the build context directory")
    Path context;

    /** The request-shaping flags as given. */
    public BuildFlags flags() {
        return new BuildFlags(tags, target, buildArgs, platform, noCache, labels, push, load, outputs);
    }

    @Override
    public Integer call() {
        try {
            boolean terminal = Terminal.stderrIsTerminal();
            ProgressMode mode = progress.resolve(terminal);
            BuildSession session = new BuildSession(serverOptions.client(System.getenv()), spec.commandLine().getOut(),
                    spec.commandLine().getErr(), terminal, mode, mode == ProgressMode.tty ? Terminal.width(System.getenv()) : 80);
            Path workingDir = Path.of("").toAbsolutePath();
            return session.run(workingDir, context, file, flags(), System.getenv(), detach);
        } catch (IOException e) {
            return serverOptions.report(spec.commandLine().getErr(),
                    new StagefarmException(FailureCode.CONTEXT_INVALID, String.valueOf(context), 0,
                            "cannot read the build context: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            return serverOptions.report(spec.commandLine().getErr(), e);
        }
    }
}
