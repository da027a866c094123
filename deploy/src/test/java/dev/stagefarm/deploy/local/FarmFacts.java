package dev.stagefarm.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connection facts a running local farm writes to {@code farm.env}: the one contract
 * between the farm and the programs that use it.
 */
public record FarmFacts(Map<String, String> values) {

    public FarmFacts {
        values = Map.copyOf(values);
    }

    static FarmFacts read(Path farmEnv) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(farmEnv)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FarmFacts(values);
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new AssertionError("farm.env has no " + key + ": " + values.keySet());
        }
        return value;
    }

    Path stateDir() {
        return Path.of(get("STAGEFARM_LOCAL_DIR"));
    }

    public List<DockerHost> dockerHosts() {
        return Arrays.stream(get("DOCKER_HOSTS").split(",")).map(DockerHost::new).toList();
    }
}
