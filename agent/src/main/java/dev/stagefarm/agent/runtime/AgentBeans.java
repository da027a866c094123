package dev.stagefarm.agent.runtime;

import dev.stagefarm.agent.cache.InstructionCache;
import dev.stagefarm.agent.docker.DockerEngine;
import dev.stagefarm.agent.executor.CacheLocks;
import dev.stagefarm.agent.executor.StageExecutor;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the executor to the configured daemon: one engine and one executor per agent process. */
public class AgentBeans {

    @Produces
    @Singleton
    DockerEngine engine(AgentConfig config) {
        return DockerEngine.connect(config.dockerHost());
    }

    void close(@Disposes DockerEngine engine) {
        engine.close();
    }

    @Produces
    @Singleton
    StageExecutor executor(DockerEngine engine, AgentConfig config) {
        InstructionCache cache = config.instructionCache()
                ? new InstructionCache(config.workDir().resolve("instruction-cache.properties")) : null;
        return new StageExecutor(engine, config.id(), config.workDir().resolve("stages"), new CacheLocks(), cache);
    }
}
