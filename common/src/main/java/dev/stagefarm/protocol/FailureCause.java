package dev.stagefarm.protocol;

/** Who is to blame for a failed attempt, which decides what the coordinator does next. */
public enum FailureCause {
    /** The build itself failed (a RUN exited non-zero, a COPY source is missing): fail the build. */
    BUILD,
    /** The farm failed (daemon, object store, agent): run the stage again as the next attempt. */
    INFRASTRUCTURE
}
