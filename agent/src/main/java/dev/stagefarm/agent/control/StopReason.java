package dev.stagefarm.agent.control;

/** Why a running attempt is stopped before it ends on its own. */
public enum StopReason {
    /** The coordinator gave the stage to another attempt: report nothing more. */
    ABORTED,
    /** The build was cancelled: report {@code Failed} with {@code BUILD_CANCELLED}. */
    CANCELLED,
    /** The agent is shutting down past its grace period: report a retriable infrastructure failure. */
    AGENT_STOPPING
}
