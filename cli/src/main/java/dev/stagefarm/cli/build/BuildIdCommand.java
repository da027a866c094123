package dev.stagefarm.cli.build;

import dev.stagefarm.cli.api.CoordinatorClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A command about one existing build ({@code status}, {@code logs}, {@code cancel}): the build id,
 * the server options, and one way to run (see {@link ServerOptions#run}). Not thread-safe.
 */
abstract class BuildIdCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions serverOptions;

    @Parameters(index = "0", paramLabel = "ID", description = "the build id")
    String id;

    @Override
    public final Integer call() {
        return serverOptions.run(spec, this::run);
    }

    /** Does the command's work for build {@link #id}, printing to {@code out}; throws when it fails. */
    abstract void run(CoordinatorClient client, PrintWriter out);
}
