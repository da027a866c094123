package dev.stagefarm.agent.executor;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a stage's inputs are on this host.
 *
 * @param context the extracted build context (COPY sources, bind mounts), or null when the
 *     stage uses none
 * @param artifacts per upstream stage name, the folder holding that stage's exported files at
 *     their absolute paths ({@code <folder>/app/dist} for {@code /app/dist})
 * @param secrets per secret id, a file with the secret's content; never logged, never committed
 */
public record StageInputs(Path context, Map<String, Path> artifacts, Map<String, Path> secrets) {

    public StageInputs {
        artifacts = Map.copyOf(artifacts);
        secrets = Map.copyOf(secrets);
    }

    public static StageInputs contextOnly(Path context) {
        return new StageInputs(context, Map.of(), Map.of());
    }

    public Optional<Path> artifactRoot(String stage) {
        return Optional.ofNullable(artifacts.get(stage));
    }

    public Optional<Path> secret(String id) {
        return Optional.ofNullable(secrets.get(id));
    }

    /** The `toString` of a record would list secret file paths only, never contents; still keep it short. */
    @Override
    public String toString() {
        return "StageInputs[context=" + context + ", artifacts=" + artifacts.keySet() + ", secrets=" + secrets.keySet() + "]";
    }
}
