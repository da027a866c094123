package dev.stagefarm.cli.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Facts about the terminal the CLI writes to. The JDK only says whether stdin and stdout are a
 * console, while progress goes to stderr, so on Linux stderr's descriptor is looked at directly.
 */
public final class Terminal {
    private Terminal() {
    }

    /** True when stderr is a terminal (so escape codes and prompts make sense). */
    public static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    /** Columns of the terminal: {@code COLUMNS}, else what {@code stty} says, else 80. */
    public static int width(Map<String, String> env) {
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").strip());
            if (columns > 0) {
                return columns;
            }
        } catch (NumberFormatException ignored) {
            // not set: ask the terminal
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(stty.getInputStream().readAllBytes()).strip();
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0) {
                String[] parts = answer.split("\\s+");
                int columns = Integer.parseInt(parts[1]);
                if (columns > 0) {
                    return columns;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no terminal to ask
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 80;
    }
}
