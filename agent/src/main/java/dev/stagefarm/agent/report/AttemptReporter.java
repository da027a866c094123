package dev.stagefarm.agent.report;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.protocol.AgentInfo;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.FailureCause;
import dev.stagefarm.protocol.ProtocolVersion;
import dev.stagefarm.protocol.StageEvent;
import dev.stagefarm.protocol.StageJob;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Writes the events of one attempt: every event names the build, stage run, attempt and this
 * agent; log chunks are numbered in order. Once the attempt's result is reported (or it was
 * silenced because the coordinator aborted it) nothing more is sent for it. Thread-safe.
 */
public final class AttemptReporter {

    private final StageJob job;
    private final String agentId;
    private final EventSink sink;
    private final Clock clock;
    private final Supplier<AgentInfo> agentInfo;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    public AttemptReporter(StageJob job, String agentId, EventSink sink, Clock clock, Supplier<AgentInfo> agentInfo) {
        this.job = job;
        this.agentId = agentId;
        this.sink = sink;
        this.clock = clock;
        this.agentInfo = agentInfo;
    }

    public StageJob job() {
        return job;
    }

    /** The claim, sent durably: the caller acknowledges the job record only after this returns. */
    public void claimed() {
        sink.sendAndWait(new StageEvent.Claimed(ProtocolVersion.CURRENT, job.buildId(), job.stageRunId(),
                job.attempt(), agentId, clock.instant(), agentInfo.get()));
    }

    public void heartbeat() {
        if (!closed.get()) {
            sink.send(new StageEvent.Heartbeat(ProtocolVersion.CURRENT, job.buildId(), job.stageRunId(),
                    job.attempt(), agentId, clock.instant(), agentInfo.get()));
        }
    }

    public void stepStarted(int step, String instruction) {
        send(new StageEvent.StepStarted(ProtocolVersion.CURRENT, job.buildId(), job.stageRunId(), job.attempt(),
                agentId, clock.instant(), step, instruction));
    }

    public void stepFinished(int step, boolean cached, long durationMillis) {
        send(new StageEvent.StepFinished(ProtocolVersion.CURRENT, job.buildId(), job.stageRunId(), job.attempt(),
                agentId, clock.instant(), step, cached, durationMillis));
    }

    public void logChunk(int step, String stream, String text) {
        send(new StageEvent.LogChunk(ProtocolVersion.CURRENT, job.buildId(), job.stageRunId(), job.attempt(),
                agentId, clock.instant(), step, stream, sequence.incrementAndGet(), text));
    }

    /** {@code imageId} and {@code pushed} (one {@code name@digest} per push) are for an image, else null and empty. */
    public void artifactStored(ArtifactKind kind, String objectKey, long size, String sha256, String imageId,
            List<String> pushed) {
        sink.sendAndWait(new StageEvent.ArtifactStored(ProtocolVersion.CURRENT, job.buildId(), job.stageRunId(),
                job.attempt(), agentId, clock.instant(), kind, objectKey, size, sha256, imageId, pushed));
    }

    /** The result; later calls send nothing. */
    public void succeeded(List<String> objectKeys, long durationMillis) {
        if (closed.compareAndSet(false, true)) {
            sink.sendAndWait(new StageEvent.Succeeded(ProtocolVersion.CURRENT, job.buildId(), job.stageRunId(),
                    job.attempt(), agentId, clock.instant(), objectKeys, durationMillis));
        }
    }

    /** The result; later calls send nothing. */
    public void failed(FailureCause cause, FailureCode code, String subject, String message, int step,
            String instruction, List<String> logTail) {
        if (closed.compareAndSet(false, true)) {
            sink.sendAndWait(new StageEvent.Failed(ProtocolVersion.CURRENT, job.buildId(), job.stageRunId(),
                    job.attempt(), agentId, clock.instant(), cause, code, subject, message, step, instruction,
                    logTail));
        }
    }

    /** The coordinator aborted the attempt: it must not hear of it again. */
    public void silence() {
        closed.set(true);
    }

    public boolean closed() {
        return closed.get();
    }

    private void send(StageEvent event) {
        if (!closed.get()) {
            sink.send(event);
        }
    }
}
