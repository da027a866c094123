package dev.stagefarm.agent.translation;

import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.stage.KeyValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stage has accumulated so far, apart from its file system: the image config, the ARGs
 * in scope and whether this stage set CMD (which decides whether ENTRYPOINT resets it).
 * Immutable.
 *
 * @param args ARGs declared in this stage with their values; a null value means declared without
 *     one (visible to nothing)
 */
public record BuildState(ImageConfig config, boolean cmdSetInStage, Map<String, String> args) {

    public BuildState {
        args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /** The state at the start of a stage built on an image with {@code base} config. */
    public static BuildState startingFrom(ImageConfig base) {
        return new BuildState(base.withoutOnBuild(), false, Map.of());
    }

    public BuildState withConfig(ImageConfig next) {
        return new BuildState(next, cmdSetInStage, args);
    }

    public BuildState withCmdSet(ImageConfig next) {
        return new BuildState(next, true, args);
    }

    public BuildState withArg(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(args);
        next.remove(name);
        next.put(name, value);
        return new BuildState(config, cmdSetInStage, next);
    }

    /**
     * The environment of a RUN: the image's ENV plus the ARGs with a value that no ENV of the
     * same name overrides (ENV always wins over ARG). ARGs never reach the committed config.
     */
    public List<String> runEnvironment() {
        Map<String, String> env = config.envMap();
        List<String> result = new ArrayList<>(config.env());
        for (Map.Entry<String, String> arg : args.entrySet()) {
            if (arg.getValue() != null && !env.containsKey(arg.getKey())) {
                result.add(arg.getKey() + "=" + arg.getValue());
            }
        }
        return List.copyOf(result);
    }

    /** The ARGs with a value, for cache keys: a RUN's result depends on them. */
    public List<KeyValue> argsWithValues() {
        List<KeyValue> result = new ArrayList<>();
        args.forEach((k, v) -> {
            if (v != null) {
                result.add(new KeyValue(k, v));
            }
        });
        return result;
    }
}
