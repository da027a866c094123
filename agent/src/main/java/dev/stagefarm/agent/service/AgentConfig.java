package dev.stagefarm.agent.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's configuration ({@code stagefarm.agent.*}; every key also reads from the environment
 * in the usual way, {@code STAGEFARM_AGENT_SLOTS} for {@code stagefarm.agent.slots}). The short
 * variables the farm's scripts set ({@code STAGEFARM_DOCKER_HOST}, {@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code S3_ENDPOINT}, ...) are mapped in {@code application.properties}.
 */
@ConfigMapping(prefix = "stagefarm.agent")
public interface AgentConfig {

    /** This agent's id; defaults to the host name. Names its containers and appears in its events. */
    Optional<String> id();

    /** The agent's own Docker daemon. */
    @WithDefault("unix:///var/run/docker.sock")
    String dockerHost();

    /** How many stages run at once. */
    @WithDefault("1")
    int slots();

    /** How often a running stage heartbeats. */
    @WithDefault("5s")
    Duration heartbeatInterval();

    /** How long running stages may finish when the agent is stopped before they are failed as retriable. */
    @WithDefault("60s")
    Duration shutdownGrace();

    /** Where running stages keep their files. */
    @WithDefault("/var/lib/stagefarm-agent")
    Path workDir();

    /** Keep a local per-instruction cache (and the images it points to). */
    @WithDefault("true")
    boolean instructionCache();

    /** Free-form labels reported with claims and heartbeats (pool, architecture, ...). */
    Map<String, String> labels();

    Kafka kafka();

    S3 s3();

    /** Kafka connection and names. */
    interface Kafka {
        @WithDefault("127.0.0.1:9092")
        String bootstrapServers();

        @WithDefault("stagefarm.stage-jobs")
        String jobsTopic();

        @WithDefault("stagefarm.stage-events")
        String eventsTopic();

        @WithDefault("stagefarm.control")
        String controlTopic();

        /** The share group every agent of the pool joins. */
        @WithDefault("stagefarm.agents")
        String group();
    }

    /** The S3-compatible object store. */
    interface S3 {
        String endpoint();

        @WithDefault("stagefarm")
        String bucket();

        String accessKey();

        String secretKey();

        @WithDefault("us-east-1")
        String region();
    }
}
