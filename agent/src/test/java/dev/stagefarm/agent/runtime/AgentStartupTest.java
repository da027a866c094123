package dev.stagefarm.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.agent.docker.DockerEngine;
import dev.stagefarm.agent.executor.StageExecutor;
import dev.stagefarm.agent.executor.StageSession;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Slow: the agent application starts against its own daemon and sweeps a killed predecessor's containers. */
@QuarkusTest
@QuarkusTestResource(PrivateDaemonResource.class)
class AgentStartupTest {

    @Inject
    LeftoverSweeper sweeper;

    @Inject
    DockerEngine engine;

    @Inject
    StageExecutor executor;

    @Test
    void startRemovesContainersLeftByAKilledPredecessor() {
        assertThat(sweeper.removedAtStart()).isEqualTo(1);
        assertThat(engine.containersNamed(StageSession.namePrefix("quarkus-agent"))).isEmpty();
        assertThat(executor).isNotNull();
    }
}
