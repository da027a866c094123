package dev.stagefarm.agent.exec;

import dev.stagefarm.agent.stage.StageStep;

/**
 * The network of a RUN container. The daemons of the farm run without the default bridge (it
 * does not work on the build hosts), so BuildKit's {@code default} maps to the host network.
 */
public enum NetworkMode {
    HOST("host"), NONE("none");

    private final String dockerName;

    NetworkMode(String dockerName) {
        this.dockerName = dockerName;
    }

    /** The name Docker's HostConfig.NetworkMode expects. */
    public String dockerName() {
        return dockerName;
    }

    public static NetworkMode of(StageStep.Network network) {
        return network == StageStep.Network.NONE ? NONE : HOST;
    }
}
