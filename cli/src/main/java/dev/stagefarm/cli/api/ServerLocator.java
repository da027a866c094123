package dev.stagefarm.cli.api;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which coordinator the CLI talks to: {@code --server}, else {@code STAGEFARM_SERVER}, else the
 * local farm's {@code COORDINATOR_URL} from {@code .stagefarm/local/farm.env} in the checkout
 * ({@code $STAGEFARM_LOCAL_DIR/farm.env} when that is set, else found from the launcher's home or
 * upwards from the working directory), else
 * {@code http://127.0.0.1:8080}. Pure apart from reading that one file.
 */
public final class ServerLocator {
    public static final String ENV = "STAGEFARM_SERVER";
    public static final URI DEFAULT = URI.create("http://127.0.0.1:8080");
    /** Where the local farm keeps its state when not in the checkout. */
    static final String LOCAL_DIR_ENV = "STAGEFARM_LOCAL_DIR";
    static final Path FARM_ENV = Path.of(".stagefarm", "local", "farm.env");

    private ServerLocator() {
    }

    /**
     * @param flag the {@code --server} value or null
     * @param env the process environment
     * @param searchFrom folders to look for the checkout's farm state in, upwards from each
     */
    public static URI locate(String flag, Map<String, String> env, List<Path> searchFrom) {
        if (flag != null && !flag.isBlank()) {
            return parse(flag, "--server");
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return parse(fromEnv, ENV);
        }
        Optional<Path> farmEnv = Optional.ofNullable(env.get(LOCAL_DIR_ENV)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, FARM_ENV.getFileName().toString())).filter(Files::isRegularFile)
                .or(() -> searchFrom.stream().map(ServerLocator::farmEnvAbove).flatMap(Optional::stream).findFirst());
        if (farmEnv.isEmpty()) {
            return DEFAULT;
        }
        Optional<String> url = read(farmEnv.get(), "COORDINATOR_URL");
        if (url.isEmpty()) {
            throw new StagefarmException(FailureCode.COORDINATOR_UNREACHABLE, farmEnv.get().toString(), 0,
                    "the local farm has no coordinator running (no COORDINATOR_URL in " + FARM_ENV + "); "
                            + ApiFailures.START_HINT + ", or pass --server URL");
        }
        return parse(url.get(), FARM_ENV.toString());
    }

    private static Optional<Path> farmEnvAbove(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FARM_ENV);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A {@code KEY=VALUE} line of an env file (quotes around the value removed). */
    static Optional<String> read(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                if (trimmed.startsWith("export ")) {
                    trimmed = trimmed.substring("export ".length()).strip();
                }
                if (trimmed.startsWith(key + "=")) {
                    String value = trimmed.substring(key.length() + 1).strip();
                    if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                            || value.startsWith("'") && value.endsWith("'"))) {
                        value = value.substring(1, value.length() - 1);
                    }
                    return value.isEmpty() ? Optional.empty() : Optional.of(value);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI parse(String text, String source) {
        try {
            URI uri = URI.create(text.strip());
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new StagefarmException(FailureCode.BAD_REQUEST, source, 0,
                    source + ": `" + text + "` is not an http:// or https:// URL");
        }
    }
}
