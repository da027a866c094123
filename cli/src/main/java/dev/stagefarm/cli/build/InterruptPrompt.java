package dev.stagefarm.cli.build;

import dev.stagefarm.cli.api.CoordinatorClient;
import dev.stagefarm.cli.api.EventFollower;
import dev.stagefarm.cli.progress.ProgressPrinter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Ctrl-C does while a build is followed: on a terminal the user is asked whether to cancel
 * the build on the farm or to detach from it (the build goes on); without a terminal the build is
 * cancelled, as a CI job that is stopped should not leave work behind. A second Ctrl-C while asked
 * leaves at once. The signal is caught through {@code sun.misc.Signal} so the JVM keeps running
 * while the user answers; where that is missing, Ctrl-C ends the process as usual.
 */
public final class InterruptPrompt {
    private final CoordinatorClient client;
    private final String buildId;
    private final EventFollower follower;
    private final ProgressPrinter printer;
    private final PrintWriter err;
    private final boolean terminal;
    private volatile boolean detached;
    private volatile boolean asking;
    private volatile boolean cancelling;

    public InterruptPrompt(CoordinatorClient client, String buildId, EventFollower follower, ProgressPrinter printer,
            PrintWriter err, boolean terminal) {
        this.client = client;
        this.buildId = buildId;
        this.follower = follower;
        this.printer = printer;
        this.err = err;
        this.terminal = terminal;
    }

    /** Catches Ctrl-C from now on; false when this JVM cannot. */
    public boolean install() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> interrupted());
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return false;
        }
    }

    /** True when the user chose to leave the build running. */
    public boolean detached() {
        return detached;
    }

    void interrupted() {
        if (asking || cancelling) {
            System.exit(130);
        }
        if (!terminal) {
            err.println("interrupted: cancelling build " + buildId + " (Ctrl-C again to leave at once)");
            err.flush();
            cancel();
            return;
        }
        asking = true;
        printer.pause();
        try {
            err.print("build " + buildId + " is still running: [c]ancel it, [d]etach (it goes on), or [r]esume? ");
            err.flush();
            String answer = readAnswer();
            if (answer.startsWith("c")) {
                cancel();
            } else if (answer.startsWith("d")) {
                detached = true;
                err.println("detached; follow it with `stagefarm logs " + buildId + " --follow`");
                err.flush();
                follower.stop();
            }
        } finally {
            asking = false;
            printer.resume();
        }
    }

    private void cancel() {
        cancelling = true;
        try {
            client.cancel(buildId);
        } catch (RuntimeException e) {
            err.println("could not cancel build " + buildId + ": " + e.getMessage());
            err.flush();
            detached = true;
            follower.stop();
        }
    }

    private static String readAnswer() {
        try (BufferedReader tty = new BufferedReader(new InputStreamReader(
                Files.newInputStream(Path.of("/dev/tty")), StandardCharsets.UTF_8))) {
            String line = tty.readLine();
            return line == null ? "" : line.strip().toLowerCase(java.util.Locale.ROOT);
        } catch (IOException e) {
            return "c";
        }
    }
}
