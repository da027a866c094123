package dev.stagefarm.agent.exec;

import java.nio.file.Path;

/** A mount of a RUN container, in terms the Docker daemon on this host understands. */
public sealed interface MountSpec {

    String target();

    /** A file or folder of the agent's host; the daemon runs on the same host. */
    record HostBind(Path source, String target, boolean readOnly) implements MountSpec {
    }

    /** A named volume of the daemon, kept between builds (cache mounts); never pre-filled from the image. */
    record NamedVolume(String volume, String target, boolean readOnly) implements MountSpec {
    }

    /** An empty in-memory folder; {@code sizeBytes} 0 means the daemon default. */
    record Tmpfs(String target, long sizeBytes) implements MountSpec {
    }
}
