package dev.stagefarm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stagefarm} command: the entry point of {@code bin/stagefarm}.
 *
 * <p>Each subcommand is its own class; register a new one in {@code subcommands} below.
 */
@Command(
        name = "stagefarm",
        mixinStandardHelpOptions = true,
        version = "stagefarm 0.1.0",
        description = "A distributed build farm for multi-stage Docker images.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ParseCommand.class,
            PlanCommand.class,
            dev.stagefarm.cli.build.BuildCommand.class,
            dev.stagefarm.cli.build.StatusCommand.class,
            dev.stagefarm.cli.build.LogsCommand.class,
            dev.stagefarm.cli.build.CancelCommand.class,
        })
public final class StagefarmCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return new CommandLine(new StagefarmCommand()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
