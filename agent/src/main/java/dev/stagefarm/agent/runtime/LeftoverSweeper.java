package dev.stagefarm.agent.runtime;

import dev.stagefarm.agent.docker.DockerEngine;
import dev.stagefarm.agent.executor.StageSession;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * At start, removes the containers a previous run of this agent left when it was killed
 * mid-stage; fails the start when the daemon does not answer.
 */
@ApplicationScoped
public class LeftoverSweeper {

    private static final Logger LOG = Logger.getLogger(LeftoverSweeper.class);

    private volatile int removedAtStart;

    void onStart(@Observes StartupEvent event, DockerEngine engine, AgentConfig config) {
        engine.ping();
        removedAtStart = StageSession.removeLeftovers(engine, config.id());
        if (removedAtStart > 0) {
            LOG.infof("removed %d containers left by a previous run of agent %s", removedAtStart, config.id());
        }
    }

    /** How many leftover containers the start removed. */
    public int removedAtStart() {
        return removedAtStart;
    }
}
