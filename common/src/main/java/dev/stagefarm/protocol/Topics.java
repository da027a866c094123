package dev.stagefarm.protocol;

/**
 * Default Kafka topic names of the farm. Services read the actual names from configuration and
 * fall back to these, so every module agrees without repeating string literals.
 */
public final class Topics {
    /** Coordinator → agents: one {@link StageJob} per stage attempt; a share group hands them out. */
    public static final String STAGE_JOBS = "stagefarm.stage-jobs";
    /** Agents → coordinator: {@link StageEvent}s keyed by build id, so ordered per build. */
    public static final String STAGE_EVENTS = "stagefarm.stage-events";
    /** Coordinator → anyone: build lifecycle, keyed by build id. */
    public static final String BUILD_EVENTS = "stagefarm.build-events";
    /** Coordinator → agents: {@link ControlMessage}s; every agent reads all of them. */
    public static final String CONTROL = "stagefarm.control";

    private Topics() {
    }
}
