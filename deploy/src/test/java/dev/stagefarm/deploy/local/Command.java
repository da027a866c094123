package dev.stagefarm.deploy.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A command line run to completion with a deadline; its output is drained while it runs. */
public record Command(List<String> argv, Path workDir, Map<String, String> environment, Duration timeout) {

    public Command {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }

    public static Command of(Path workDir, Duration timeout, String... argv) {
        return new Command(List.of(argv), workDir, Map.of(), timeout);
    }

    public Command withEnvironment(Map<String, String> extra) {
        return new Command(argv, workDir, extra, timeout);
    }

    public CommandResult run() {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            Process process = builder.start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                throw new AssertionError(String.join(" ", argv) + " did not finish in " + timeout);
            }
            return new CommandResult(process.exitValue(), output.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
