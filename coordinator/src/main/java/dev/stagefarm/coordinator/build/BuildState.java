package dev.stagefarm.coordinator.build;

/**
 * Life of a build: {@code QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED}. QUEUED until the
 * first stage is claimed (or found cached); terminal states never change again.
 */
public enum BuildState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    public boolean canMoveTo(BuildState next) {
        return switch (this) {
            case QUEUED -> next != QUEUED;
            case RUNNING -> next.terminal();
            case SUCCEEDED, FAILED, CANCELLED -> false;
        };
    }
}
