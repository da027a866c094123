package dev.stagefarm.agent.service;

import static org.assertj.core.api.Assertions.assertThat;

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
    AgentService service;

    @Test
    void startRemovesContainersLeftByAKilledPredecessor() {
        Agent agent = service.agent();
        assertThat(agent).isNotNull();
        assertThat(agent.removedAtStart()).isEqualTo(1);
        assertThat(agent.engine().containers().containersNamed(StageSession.namePrefix("quarkus-agent"))).isEmpty();
    }
}
