package dev.stagefarm.failure;

/**
 * The failure catalogue: every error Stagefarm reports carries one of these stable codes.
 *
 * <p>Codes are part of the public contract (CLI exit codes, REST error bodies, stage events):
 * never rename one; add new ones at the end of their group. {@link #retriable()} says whether
 * the farm may run the same work again (infrastructure) or must fail the build (user input).
 */
public enum FailureCode {
    // The Dockerfile and the build request: the user's input, never retried.
    DOCKERFILE_SYNTAX(false, 2),
    DOCKERFILE_INSTRUCTION(false, 2),
    VARIABLE_EXPANSION(false, 2),
    UNKNOWN_STAGE(false, 2),
    STAGE_ORDER(false, 2),
    STAGE_CYCLE(false, 2),
    UNKNOWN_TARGET(false, 2),
    BAD_BUILD_ARG(false, 2),
    BAD_PLATFORM(false, 2),
    CONTEXT_FILE_MISSING(false, 2),
    CONTEXT_INVALID(false, 2),
    BAD_REQUEST(false, 2),
    UNKNOWN_BUILD(false, 2),
    UNKNOWN_CONTEXT(false, 2),
    CONTEXT_DIGEST_MISMATCH(false, 2),
    // What the build itself did.
    RUN_EXIT_NONZERO(false, 1),
    COPY_SOURCE_MISSING(false, 1),
    BUILD_CANCELLED(false, 1),
    /** The registry refused the push (authentication, authorisation, a name it will not take). */
    REGISTRY_DENIED(false, 1),
    // The farm's own parts: retriable on another attempt.
    AGENT_LOST(true, 3),
    LEASE_EXPIRED(true, 3),
    DOCKER_DAEMON(true, 3),
    OBJECT_STORE(true, 3),
    ARTIFACT_CORRUPT(true, 3),
    KAFKA(true, 3),
    COORDINATOR_UNREACHABLE(true, 3),
    /** The agent planned a different cache key than the coordinator: their frontends disagree. */
    CACHE_KEY_MISMATCH(true, 3),
    /** The agent was shut down (scaled in) before the stage finished. */
    AGENT_STOPPING(true, 3),
    /** The registry to push to did not answer, or failed while the image went up. */
    REGISTRY_UNREACHABLE(true, 3),
    /** The agent that ran a pushing target reported no pushed digest: it predates pushing (schema 1). */
    AGENT_CANNOT_PUSH(true, 3),
    ATTEMPTS_EXHAUSTED(false, 3),
    MALFORMED_MESSAGE(false, 3),
    INTERNAL(false, 4);

    private final boolean retriable;
    private final int exitCode;

    FailureCode(boolean retriable, int exitCode) {
        this.retriable = retriable;
        this.exitCode = exitCode;
    }

    /** True when the same work may succeed on another attempt (an infrastructure fault). */
    public boolean retriable() {
        return retriable;
    }

    /** The process exit code the CLI uses for this failure: 1 build, 2 input, 3 farm, 4 bug. */
    public int exitCode() {
        return exitCode;
    }
}
