package dev.stagefarm.agent.service;

import dev.stagefarm.objectstore.S3Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything one agent process needs, resolved from configuration (or built by tests).
 *
 * @param id the agent id: in events, and the prefix of its container names
 * @param host the build host's name, as reported in claims and heartbeats
 * @param dockerHost the agent's own daemon, e.g. {@code unix:///var/run/docker.sock}
 * @param bootstrapServers Kafka
 * @param jobsTopic the share-group topic of stage jobs
 * @param eventsTopic where stage events go
 * @param controlTopic where the coordinator's control messages come from
 * @param group the share group of all agents
 * @param s3 the object store
 * @param slots stages run at once
 * @param heartbeat interval of heartbeats while a stage runs
 * @param shutdownGrace how long running stages may finish when the agent is stopped
 * @param workDir contexts, inputs, logs and executor files of running stages
 * @param instructionCache keep a local per-instruction cache
 * @param labels free-form labels reported with claims and heartbeats
 */
public record AgentOptions(String id, String host, String dockerHost, String bootstrapServers, String jobsTopic,
        String eventsTopic, String controlTopic, String group, S3Config s3, int slots, Duration heartbeat,
        Duration shutdownGrace, Path workDir, boolean instructionCache, Map<String, String> labels) {

    public AgentOptions {
        labels = Map.copyOf(labels);
        if (slots < 1) {
            throw new IllegalArgumentException("an agent needs at least one slot");
        }
    }
}
