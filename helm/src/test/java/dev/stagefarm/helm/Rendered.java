package dev.stagefarm.helm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.StreamSupport;

/** The manifests one {@code helm template} produced, as YAML trees. */
record Rendered(List<JsonNode> documents) {

    JsonNode find(String kind, String name) {
        return documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new NoSuchElementException(kind + " " + name + " not rendered; have "
                        + documents.stream().map(d -> d.path("kind").asText() + " " + d.path("metadata").path("name").asText())
                                .toList()));
    }

    JsonNode coordinator() {
        return find("Deployment", Chart.RELEASE + "-stagefarm-coordinator");
    }

    JsonNode agents() {
        return find("StatefulSet", Chart.RELEASE + "-stagefarm-agent");
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    /** The container named {@code name}, among the containers or the init containers. */
    static JsonNode container(JsonNode workload, String name) {
        JsonNode pod = podSpec(workload);
        return StreamSupport.stream(pod.path("containers").spliterator(), false)
                .filter(c -> name.equals(c.path("name").asText())).findFirst()
                .or(() -> StreamSupport.stream(pod.path("initContainers").spliterator(), false)
                        .filter(c -> name.equals(c.path("name").asText())).findFirst())
                .orElseThrow(() -> new NoSuchElementException("no container " + name));
    }

    /** A container's env entries by name (each a {@code value} or a {@code valueFrom}). */
    static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    /** Where a container mounts the pod volume {@code volume} (with its subPath), by mount path. */
    static Map<String, String> mounts(JsonNode container, String volume) {
        Map<String, String> mounts = new LinkedHashMap<>();
        container.path("volumeMounts").forEach(m -> {
            if (volume.equals(m.path("name").asText())) {
                mounts.put(m.path("mountPath").asText(), m.path("subPath").asText(""));
            }
        });
        return mounts;
    }
}
