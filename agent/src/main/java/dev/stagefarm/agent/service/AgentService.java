package dev.stagefarm.agent.service;

import dev.stagefarm.objectstore.S3Config;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;

/**
 * The agent process: starts one {@link Agent} from the configuration when Quarkus starts and
 * stops it gracefully on shutdown (SIGTERM from Kubernetes scaling the pool in), within the
 * configured grace period.
 */
@ApplicationScoped
public class AgentService {

    @Inject
    AgentConfig config;
    @Inject
    MeterRegistry registry;

    private volatile Agent agent;

    void onStart(@Observes StartupEvent event) {
        agent = Agent.start(options(config), registry, Clock.systemUTC());
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        Agent running = agent;
        if (running != null) {
            running.close();
        }
    }

    /** The running agent, for the health checks; null before start. */
    public Agent agent() {
        return agent;
    }

    static AgentOptions options(AgentConfig config) {
        String host = hostName();
        AgentConfig.S3 s3 = config.s3();
        return new AgentOptions(config.id().orElse(host), host, config.dockerHost(),
                config.kafka().bootstrapServers(), config.kafka().jobsTopic(), config.kafka().eventsTopic(),
                config.kafka().controlTopic(), config.kafka().group(),
                new S3Config(URI.create(s3.endpoint()), s3.bucket(), s3.accessKey(), s3.secretKey(), s3.region(),
                        S3Config.DEFAULT_PART_SIZE),
                config.slots(), config.heartbeatInterval(), config.shutdownGrace(), config.workDir(),
                config.instructionCache(), config.labels());
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "agent";
        }
    }
}
