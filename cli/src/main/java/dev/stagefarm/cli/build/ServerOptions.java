package dev.stagefarm.cli.build;

import dev.stagefarm.cli.api.CoordinatorClient;
import dev.stagefarm.cli.api.ServerLocator;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options every command that talks to the coordinator shares ({@code --server}, {@code --verbose}),
 * and the one way such a command runs: its call on the client, its output flushed, exit status 0;
 * or, when it fails, one line with the code's message and hint, the stack trace only with
 * {@code --verbose}, the code's exit status.
 */
public final class ServerOptions {
    @Option(names = "--server", paramLabel = "URL",
            description = "the coordinator (default: $STAGEFARM_SERVER, else the local farm's, else http://127.0.0.1:8080)")
    String server;

    @Option(names = "--verbose", description = "show stack traces of failures")
    boolean verbose;

    /** The client for the chosen coordinator. */
    public CoordinatorClient client(Map<String, String> env) {
        List<Path> from = new ArrayList<>();
        String home = System.getProperty("stagefarm.home");
        if (home != null && !home.isBlank()) {
            from.add(Path.of(home));
        }
        from.add(Path.of("").toAbsolutePath());
        return new CoordinatorClient(ServerLocator.locate(server, env, from));
    }

    /** What a command does with the coordinator, printing to {@code out}; it throws when it fails. */
    @FunctionalInterface
    interface ClientCall {
        void run(CoordinatorClient client, PrintWriter out);
    }

    /** Runs {@code call} against the chosen coordinator and returns the command's exit code. */
    int run(CommandSpec spec, ClientCall call) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            call.run(client(System.getenv()), out);
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            return report(spec.commandLine().getErr(), e);
        }
    }

    /** Prints {@code failure} and returns the exit code for it. */
    public int report(PrintWriter err, RuntimeException failure) {
        StagefarmException known = failure instanceof StagefarmException s ? s
                : new StagefarmException(FailureCode.INTERNAL, "", 0, String.valueOf(failure.getMessage()), failure);
        err.println("stagefarm: " + known.getMessage());
        if (verbose) {
            known.printStackTrace(err);
        }
        err.flush();
        return known.code().exitCode();
    }
}
