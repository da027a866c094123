package dev.stagefarm.agent.service;

import dev.stagefarm.agent.docker.DockerEngine;
import dev.stagefarm.agent.docker.PrivateDockerDaemon;
import dev.stagefarm.agent.image.ImageConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.util.Map;

/**
 * Starts a private Docker daemon for the agent application under test, holding one container
 * named like a leftover of a killed agent "quarkus-agent", so the start-up clean-up has
 * something to remove.
 */
public class PrivateDaemonResource implements QuarkusTestResourceLifecycleManager {

    private PrivateDockerDaemon daemon;

    @Override
    public Map<String, String> start() {
        try {
            daemon = PrivateDockerDaemon.start();
            try (DockerEngine engine = DockerEngine.connect(daemon.host())) {
                String scratch = engine.images().importRootfs(new java.io.ByteArrayInputStream(new byte[1024]),
                        "leftover-base", "latest");
                engine.containers().createIdle("stagefarm-quarkus-agent-old-1", scratch, ImageConfig.empty());
            }
            return Map.of("stagefarm.agent.id", "quarkus-agent", "stagefarm.agent.docker-host", daemon.host(),
                    "stagefarm.agent.work-dir", Files.createTempDirectory("agent-work").toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test Docker daemon", e);
        }
    }

    @Override
    public void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }
}
