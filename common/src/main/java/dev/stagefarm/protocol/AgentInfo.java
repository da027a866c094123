package dev.stagefarm.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * What an agent says about itself when it claims a job or heartbeats.
 *
 * @param host the build host's name
 * @param slots how many stages it runs at once
 * @param busySlots how many of them are running now
 * @param labels free-form labels (pool, architecture, ...)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentInfo(String host, int slots, int busySlots, Map<String, String> labels) {
    public AgentInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
