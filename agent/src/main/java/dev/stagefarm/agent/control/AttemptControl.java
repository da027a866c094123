package dev.stagefarm.agent.control;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stop switch of one running attempt. {@link #stop} records the first reason and runs the
 * kill action (which removes the attempt's containers, so a running RUN ends at once); the job
 * pipeline calls {@link #checkRunning()} between steps and on every progress callback, so it
 * stops at the next opportunity and reports according to the reason. Thread-safe.
 */
public final class AttemptControl {

    private final String buildId;
    private final String stageRunId;
    private final int attempt;
    private final AtomicReference<StopReason> reason = new AtomicReference<>();
    private volatile Runnable kill = () -> {
    };

    public AttemptControl(String buildId, String stageRunId, int attempt) {
        this.buildId = buildId;
        this.stageRunId = stageRunId;
        this.attempt = attempt;
    }

    public String buildId() {
        return buildId;
    }

    public String stageRunId() {
        return stageRunId;
    }

    public int attempt() {
        return attempt;
    }

    /** What stops the attempt's work on the daemon; set once the attempt knows its containers. */
    public void onStop(Runnable killAction) {
        this.kill = killAction;
        if (reason.get() != null) {
            killAction.run();
        }
    }

    /** Stops the attempt; the first reason wins. Returns true when this call stopped it. */
    public boolean stop(StopReason why) {
        if (reason.compareAndSet(null, why)) {
            kill.run();
            return true;
        }
        return false;
    }

    public Optional<StopReason> stopReason() {
        return Optional.ofNullable(reason.get());
    }

    /** Throws when the attempt was stopped, so the pipeline unwinds by its single failure path. */
    public void checkRunning() {
        StopReason why = reason.get();
        if (why != null) {
            throw new StagefarmException(why == StopReason.AGENT_STOPPING ? FailureCode.AGENT_STOPPING
                    : FailureCode.BUILD_CANCELLED, "stage run " + stageRunId, 0, "the attempt was stopped: " + why);
        }
    }
}
