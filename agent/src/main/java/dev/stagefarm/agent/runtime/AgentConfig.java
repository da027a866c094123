package dev.stagefarm.agent.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** The agent's configuration ({@code stagefarm.agent.*}). */
@ConfigMapping(prefix = "stagefarm.agent")
public interface AgentConfig {

    /** This agent's id: names its containers and appears in its events. */
    String id();

    /** The agent's own Docker daemon. */
    @WithDefault("unix:///var/run/docker.sock")
    String dockerHost();

    /** Where stages keep temporary files, extracted contexts and artifacts, and the instruction cache index. */
    @WithDefault("/var/lib/stagefarm-agent")
    Path workDir();

    /** Whether to keep a local per-instruction cache (and the images it points to). */
    @WithDefault("true")
    boolean instructionCache();
}
