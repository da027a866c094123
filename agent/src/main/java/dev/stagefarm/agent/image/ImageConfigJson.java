package dev.stagefarm.agent.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Converts {@link ImageConfig} to and from the {@code config} object of Docker's image JSON
 * (the same shape the Engine API takes as a container config). Pure.
 */
public final class ImageConfigJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ImageConfigJson() {
    }

    /** Reads the {@code Config} object of an image inspect or image JSON; missing means empty. */
    public static ImageConfig read(JsonNode config) {
        if (config == null || config.isNull()) {
            return ImageConfig.empty();
        }
        TreeMap<String, String> labels = new TreeMap<>();
        JsonNode labelNode = config.path("Labels");
        labelNode.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return new ImageConfig(strings(config.path("Env")), strings(config.path("Cmd")),
                strings(config.path("Entrypoint")), config.path("WorkingDir").asText(""),
                config.path("User").asText(""), labels, new TreeSet<>(keys(config.path("ExposedPorts"))),
                new TreeSet<>(keys(config.path("Volumes"))), healthcheck(config.path("Healthcheck")),
                config.path("StopSignal").asText(""), strings(config.path("OnBuild")), strings(config.path("Shell")));
    }

    /**
     * Writes the fields of {@code config} into {@code target}, replacing what was there. An unset
     * Entrypoint is written as an empty array so the daemon never fills it from the image.
     */
    public static ObjectNode write(ImageConfig config, ObjectNode target) {
        putStrings(target, "Env", config.env());
        putStrings(target, "Cmd", config.cmd());
        target.set("Entrypoint", array(config.entrypoint()));
        target.put("WorkingDir", config.workingDir());
        target.put("User", config.user());
        ObjectNode labels = NODES.objectNode();
        config.labels().forEach(labels::put);
        target.set("Labels", labels);
        target.set("ExposedPorts", emptyObjects(config.exposedPorts()));
        target.set("Volumes", emptyObjects(config.volumes()));
        if (config.healthcheck() == null) {
            target.remove("Healthcheck");
        } else {
            Healthcheck hc = config.healthcheck();
            ObjectNode node = NODES.objectNode();
            node.set("Test", array(hc.test()));
            putNonZero(node, "Interval", hc.intervalNanos());
            putNonZero(node, "Timeout", hc.timeoutNanos());
            putNonZero(node, "StartPeriod", hc.startPeriodNanos());
            putNonZero(node, "StartInterval", hc.startIntervalNanos());
            putNonZero(node, "Retries", hc.retries());
            target.set("Healthcheck", node);
        }
        if (config.stopSignal().isEmpty()) {
            target.remove("StopSignal");
        } else {
            target.put("StopSignal", config.stopSignal());
        }
        putStrings(target, "OnBuild", config.onBuild());
        putStrings(target, "Shell", config.shell());
        return target;
    }

    private static void putStrings(ObjectNode target, String key, List<String> values) {
        if (values.isEmpty()) {
            target.putNull(key);
        } else {
            target.set(key, array(values));
        }
    }

    private static void putNonZero(ObjectNode node, String key, long value) {
        if (value != 0) {
            node.put(key, value);
        }
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static JsonNode emptyObjects(Iterable<String> keys) {
        ObjectNode node = NODES.objectNode();
        keys.forEach(k -> node.set(k, NODES.objectNode()));
        return node.isEmpty() ? NODES.nullNode() : node;
    }

    private static List<String> strings(JsonNode node) {
        List<String> result = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> result.add(n.asText()));
        }
        return result;
    }

    private static List<String> keys(JsonNode node) {
        List<String> result = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            result.add(it.next().getKey());
        }
        return result;
    }

    private static Healthcheck healthcheck(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return new Healthcheck(strings(node.path("Test")), node.path("Interval").asLong(0),
                node.path("Timeout").asLong(0), node.path("StartPeriod").asLong(0),
                node.path("StartInterval").asLong(0), node.path("Retries").asInt(0));
    }
}
