package dev.stagefarm.agent.stage;

/**
 * One {@code RUN --mount=...} as the Dockerfile asks for it. The executor turns it into a
 * concrete mount of the agent's host (cache volume, context folder, artifact folder, secret file).
 */
public sealed interface MountRequest {

    /** Where the mount appears inside the RUN container. */
    String target();

    /** {@code type=cache}: a folder kept on this agent between builds, keyed by {@code id} (default: the target). */
    record Cache(String target, String id, Sharing sharing, boolean readOnly) implements MountRequest {
        public Cache {
            id = id == null || id.isEmpty() ? target : id;
        }
    }

    /** How concurrent builds on one agent share a cache mount. */
    enum Sharing {
        SHARED, PRIVATE, LOCKED
    }

    /**
     * {@code type=bind}: a path of the build context ({@code fromStage} null) or of an upstream
     * stage's artifacts, read-only unless {@code readWrite} (writes are then discarded).
     */
    record Bind(String target, String source, String fromStage, boolean readWrite) implements MountRequest {
    }

    /** {@code type=tmpfs}: an empty in-memory folder; {@code sizeBytes} 0 means the daemon default. */
    record Tmpfs(String target, long sizeBytes) implements MountRequest {
    }

    /** {@code type=secret}: the build's secret {@code id} as a read-only file; never committed or logged. */
    record Secret(String target, String id, boolean required) implements MountRequest {
        public Secret {
            target = target == null || target.isEmpty() ? "/run/secrets/" + id : target;
        }
    }
}
