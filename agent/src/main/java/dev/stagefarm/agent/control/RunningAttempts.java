package dev.stagefarm.agent.control;

import dev.stagefarm.protocol.ControlMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attempts this agent runs right now, so that control messages and shutdown can reach them.
 * Thread-safe.
 */
public final class RunningAttempts {

    private final String agentId;
    private final Map<String, AttemptControl> running = new ConcurrentHashMap<>();

    public RunningAttempts(String agentId) {
        this.agentId = agentId;
    }

    public void add(AttemptControl control) {
        running.put(key(control.stageRunId(), control.attempt()), control);
    }

    public void remove(AttemptControl control) {
        running.remove(key(control.stageRunId(), control.attempt()), control);
    }

    public int size() {
        return running.size();
    }

    public List<AttemptControl> all() {
        return List.copyOf(running.values());
    }

    /** Applies a coordinator message; returns how many attempts it stopped. */
    public int apply(ControlMessage message) {
        if (message instanceof ControlMessage.AbortAttempt abort) {
            // An abort addressed to another agent concerns that agent's copy of the attempt only.
            if (abort.agentId() != null && !abort.agentId().equals(agentId)) {
                return 0;
            }
            AttemptControl control = running.get(key(abort.stageRunId(), abort.attempt()));
            return control != null && control.stop(StopReason.ABORTED) ? 1 : 0;
        }
        ControlMessage.CancelBuild cancel = (ControlMessage.CancelBuild) message;
        int stopped = 0;
        for (AttemptControl control : running.values()) {
            if (control.buildId().equals(cancel.buildId()) && control.stop(StopReason.CANCELLED)) {
                stopped++;
            }
        }
        return stopped;
    }

    /** Stops every running attempt (shutdown past the grace period). */
    public void stopAll(StopReason reason) {
        running.values().forEach(c -> c.stop(reason));
    }

    private static String key(String stageRunId, int attempt) {
        return stageRunId + "#" + attempt;
    }
}
