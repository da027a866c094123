package dev.stagefarm.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local farm as the tests use it: {@code bin/stagefarm local …} run from the checkout.
 * {@code up} is idempotent, so a farm already up (as CI starts it) is reused as it is.
 */
public final class LocalFarm {

    /** A cold start seeds the registry with images built from Debian packages: minutes. */
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(30);
    static final int AGENTS = 3;

    private LocalFarm() {
    }

    public static Path checkout() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("bin/stagefarm"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("bin/stagefarm not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path stateDir() {
        String configured = System.getenv("STAGEFARM_LOCAL_DIR");
        return configured != null && !configured.isBlank()
                ? Path.of(configured).toAbsolutePath()
                : checkout().resolve(".stagefarm/local");
    }

    static CommandResult command(String... args) {
        String[] argv = new String[args.length + 2];
        argv[0] = checkout().resolve("bin/stagefarm").toString();
        argv[1] = "local";
        System.arraycopy(args, 0, argv, 2, args.length);
        return Command.of(checkout(), UP_TIMEOUT, argv).withEnvironment(Map.of()).run();
    }

    /**
     * Kills a service of the farm with SIGKILL, as a crashed host or an OOM kill would: no
     * shutdown hook runs. {@link #up()} starts it again.
     */
    public static void killHard(String service) {
        Path pidFile = stateDir().resolve("run").resolve(service + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle process = ProcessHandle.of(pid)
                    .orElseThrow(() -> new AssertionError(service + " (pid " + pid + ") is not running"));
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new AssertionError("could not kill " + service + ": " + e, e);
        }
    }

    /** Brings the farm up with {@link #AGENTS} build hosts (or keeps the one running) and reads its facts. */
    public static FarmFacts up() {
        command("up", "--agents", Integer.toString(AGENTS)).orFail("stagefarm local up");
        return FarmFacts.read(stateDir().resolve("farm.env"));
    }
}
