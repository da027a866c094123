package dev.stagefarm.coordinator.stage;

import java.util.EnumSet;
import java.util.Set;

/**
 * Life of one stage of one build: {@code PENDING → QUEUED → RUNNING → SUCCEEDED | CACHED | FAILED
 * | CANCELLED | SKIPPED}. A RUNNING stage whose attempt failed for the farm's fault goes back to
 * QUEUED as the next attempt. Terminal states never change again, which makes every transition
 * safe to apply twice (Kafka redelivers).
 */
public enum StageRunState {
    /** Waits for the stages it depends on. */
    PENDING,
    /** Published as a job; no agent has claimed the current attempt yet. */
    QUEUED,
    /** An agent claimed the current attempt and holds its lease. */
    RUNNING,
    SUCCEEDED,
    /** A complete result for its cache key was already stored: no agent ran it. */
    CACHED,
    FAILED,
    CANCELLED,
    /** Never ran because the build ended before it was ready. */
    SKIPPED;

    private static final Set<StageRunState> TERMINAL = EnumSet.of(SUCCEEDED, CACHED, FAILED, CANCELLED, SKIPPED);

    public boolean terminal() {
        return TERMINAL.contains(this);
    }

    /** True when the stage's result can be used by the stages that depend on it. */
    public boolean done() {
        return this == SUCCEEDED || this == CACHED;
    }

    /** Whether moving from this state to {@code next} is allowed. */
    public boolean canMoveTo(StageRunState next) {
        return switch (this) {
            case PENDING -> next == QUEUED || next == CACHED || next == SKIPPED || next == CANCELLED;
            case QUEUED -> next == RUNNING || next == CANCELLED || next == FAILED || next == SUCCEEDED;
            case RUNNING -> next == SUCCEEDED || next == FAILED || next == CANCELLED || next == QUEUED;
            case SUCCEEDED, CACHED, FAILED, CANCELLED, SKIPPED -> false;
        };
    }
}
