package dev.stagefarm.cli.build;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One {@code -o/--output} value, as {@code docker buildx build} reads it: {@code type=local,dest=DIR}
 * (the target stage's files), {@code type=tar,dest=FILE} (the same as one tar), {@code type=docker}
 * (the image loaded into the local daemon, or written to {@code dest} as a tar),
 * {@code type=image}/{@code type=registry} (the image on the farm's side, pushed when asked). A bare
 * value is {@code type=local,dest=VALUE}. Immutable.
 *
 * @param attributes every {@code key=value} but {@code type}, in the given order
 */
public record OutputSpec(String type, Map<String, String> attributes) {

    public OutputSpec {
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public static OutputSpec parse(String text) {
        if (!text.contains("=")) {
            return new OutputSpec("local", Map.of("dest", text));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        String type = null;
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw bad(text, "`" + part + "` is not key=value");
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (key.equals("type")) {
                type = value;
            } else {
                attributes.put(key, value);
            }
        }
        if (type == null) {
            throw bad(text, "type is missing (local, tar, docker, image or registry)");
        }
        if (type.equals("registry")) {
            type = "image";
            attributes.put("push", "true");
        }
        OutputSpec spec = new OutputSpec(type, attributes);
        switch (type) {
            case "local", "tar" -> {
                if (spec.dest() == null) {
                    throw bad(text, "type=" + type + " needs dest=PATH");
                }
            }
            case "docker", "image" -> {
            }
            default -> throw bad(text, "unknown type `" + type + "` (local, tar, docker, image or registry)");
        }
        return spec;
    }

    /** True for {@code type=image,push=true} ({@code type=registry} and {@code --push} read as that). */
    public boolean pushes() {
        return type.equals("image") && "true".equalsIgnoreCase(attributes.get("push"));
    }

    /** Where the client writes this output, or null when it writes nothing locally. */
    public String dest() {
        return attributes.get("dest");
    }

    /** The spec as the coordinator sees it: {@code dest} is the client's business and stays out. */
    public String forCoordinator() {
        String rest = attributes.entrySet().stream().filter(e -> !e.getKey().equals("dest"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        return "type=" + type + (rest.isEmpty() ? "" : "," + rest);
    }

    private static StagefarmException bad(String text, String why) {
        return new StagefarmException(FailureCode.BAD_REQUEST, "--output " + text, 0, "invalid --output: " + why);
    }
}
