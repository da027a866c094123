package dev.stagefarm.agent.job;

import dev.stagefarm.agent.control.AttemptControl;
import dev.stagefarm.agent.control.StopReason;
import dev.stagefarm.agent.docker.DockerContainers;
import dev.stagefarm.agent.docker.DockerEngine;
import dev.stagefarm.agent.executor.StageExecutor;
import dev.stagefarm.agent.executor.StageInputs;
import dev.stagefarm.agent.executor.StageResult;
import dev.stagefarm.agent.executor.StageSession;
import dev.stagefarm.agent.health.AgentMetrics;
import dev.stagefarm.agent.report.AttemptReporter;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.protocol.FailureCause;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.ObjectKeys;
import dev.stagefarm.protocol.StageJob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs one claimed attempt through its named steps — fetch the context, plan the stage, fetch
 * inputs, execute, export outputs, store the log, report — heartbeating meanwhile. Every failure
 * takes the one path at the end to a single {@code Failed} event (or to silence when the
 * coordinator aborted the attempt). The work folder and the attempt's containers are removed
 * whatever happens. Thread-safe: one call per attempt, on the attempt's worker thread.
 */
public final class JobPipeline {
    private static final Logger LOG = Logger.getLogger(JobPipeline.class);

    /** Makes the executor of one attempt; its id prefixes the attempt's container names. */
    @FunctionalInterface
    public interface ExecutorFactory {
        StageExecutor create(String executorId, Path scratch);
    }

    /** Tuning of the pipeline. */
    public record Settings(Path workRoot, Duration heartbeatInterval, int logChunkChars, Duration logChunkAge) {
    }

    private final String agentId;
    private final DockerEngine engine;
    private final ObjectStore store;
    private final ExecutorFactory executors;
    private final ScheduledExecutorService heartbeats;
    private final AgentMetrics metrics;
    private final Clock clock;
    private final Settings settings;

    public JobPipeline(String agentId, DockerEngine engine, ObjectStore store, ExecutorFactory executors,
            ScheduledExecutorService heartbeats, AgentMetrics metrics, Clock clock, Settings settings) {
        this.agentId = agentId;
        this.engine = engine;
        this.store = store;
        this.executors = executors;
        this.heartbeats = heartbeats;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
    }

    /** Runs the attempt to its end; never throws. */
    public void run(AttemptReporter reporter, AttemptControl control) {
        StageJob job = reporter.job();
        Instant start = clock.instant();
        String executorId = agentId + "-" + UUID.randomUUID().toString().substring(0, 8);
        control.onStop(() -> killContainers(executorId));
        String outcome = "failed";
        JobWorkspace workspace = null;
        StageProgress progress = null;
        ScheduledFuture<?> heartbeat = null;
        PhaseTimes phases = new PhaseTimes(clock);
        try {
            workspace = JobWorkspace.create(settings.workRoot(), job.stageRunId() + "-" + job.attempt());
            progress = new StageProgress(reporter, control, metrics, clock, workspace.logFile(),
                    settings.logChunkChars(), settings.logChunkAge());
            StageProgress beating = progress;
            heartbeat = heartbeats.scheduleAtFixedRate(() -> beat(reporter, beating), 0,
                    heartbeatMillis(job), TimeUnit.MILLISECONDS);
            List<ExportOutputs.Stored> stored = stages(job, reporter, control, workspace, progress, executorId, phases);
            progress.close();
            uploadLog(job, workspace);
            phases.end("log");
            reporter.succeeded(stored.stream().map(ExportOutputs.Stored::objectKey).toList(),
                    Duration.between(start, clock.instant()).toMillis());
            outcome = "succeeded";
        } catch (Throwable failure) {
            outcome = report(reporter, control, failure, progress, workspace);
        } finally {
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            if (workspace != null) {
                try {
                    workspace.close();
                } catch (RuntimeException e) {
                    LOG.warnf("could not remove the work folder %s: %s", workspace.root(), e.getMessage());
                }
            }
            metrics.stageFinished(Duration.between(start, clock.instant()), outcome);
            phases.phases().forEach(metrics::phaseFinished);
            LOG.infof("stage %s of build %s (attempt %d) %s: %s", job.stage().displayName(), job.buildId(),
                    job.attempt(), outcome, phases);
        }
    }

    private List<ExportOutputs.Stored> stages(StageJob job, AttemptReporter reporter, AttemptControl control, JobWorkspace workspace,
            StageProgress progress, String executorId, PhaseTimes phases) throws IOException {
        metrics.downloaded(new FetchContext(store).fetch(job, workspace.context()));
        phases.end("context");
        control.checkRunning();
        PlannedJob planned = new PlanStage().plan(job, workspace.context());
        TranslateStage.Translated work = new TranslateStage(store).work(job, planned);
        phases.end("plan");
        StageInputs inputs = new FetchInputs(store, engine).fetch(job, workspace.context(), workspace,
                metrics::downloaded);
        phases.end("inputs");
        control.checkRunning();
        progress.baseStarted(work.numbers());
        StageResult result = executors.create(executorId, workspace.scratch())
                .execute(work.work(), inputs, progress, job.noCache());
        progress.baseFinished();
        phases.end("execute");
        control.checkRunning();
        List<ExportOutputs.Stored> stored;
        try (StageSession session = new StageSession(engine, executorId, workspace.scratch(), false)) {
            stored = new ExportOutputs(store).export(job, planned.cacheKey(), result.imageId(), session, progress);
        } finally {
            if (job.outputs().stream().noneMatch(o -> o.kind() == ArtifactKind.IMAGE)) {
                removeQuietly(result.imageId());
            }
            phases.end("export");
        }
        for (ExportOutputs.Stored s : stored) {
            metrics.uploaded(s.uploaded());
            control.checkRunning();
            reporter.artifactStored(s.kind(), s.objectKey(), s.size(), s.sha256(), s.imageId(), s.pushed());
        }
        return stored;
    }

    private String report(AttemptReporter reporter, AttemptControl control, Throwable failure, StageProgress progress,
            JobWorkspace workspace) {
        int step = progress == null ? -1 : progress.step();
        String instruction = progress == null ? null : progress.instruction();
        List<String> tail = progress == null ? List.of() : progress.tail();
        if (progress != null) {
            try {
                progress.note("FAILED: " + failure.getMessage());
                progress.close();
            } catch (IOException | RuntimeException e) {
                LOG.debugf("closing the stage log: %s", e.getMessage());
            }
        }
        StopReason stopped = control.stopReason().orElse(null);
        if (stopped == StopReason.ABORTED) {
            reporter.silence();
            LOG.infof("attempt %s/%d aborted by the coordinator", reporter.job().stageRunId(), reporter.job().attempt());
            return "aborted";
        }
        if (workspace != null) {
            uploadLog(reporter.job(), workspace);
        }
        FailureReport report = stopped == StopReason.CANCELLED
                ? FailureReport.of(new StagefarmException(
                        FailureCode.BUILD_CANCELLED, "build " + reporter.job().buildId(), 0,
                        "the build was cancelled"), -1, null, List.of())
                : stopped == StopReason.AGENT_STOPPING
                        ? FailureReport.of(new StagefarmException(
                                FailureCode.AGENT_STOPPING, "agent " + agentId, 0,
                                "the agent shut down before the stage finished"), -1, null, List.of())
                        : FailureReport.of(failure, step, instruction, tail);
        if (report.cause() == FailureCause.INFRASTRUCTURE) {
            LOG.warnf(failure, "attempt %s/%d failed: %s", reporter.job().stageRunId(), reporter.job().attempt(),
                    report.message());
        }
        try {
            reporter.failed(report.cause(), report.code(), report.subject(), report.message(), report.step(),
                    report.instruction(), report.logTail());
        } catch (RuntimeException e) {
            // The coordinator's lease expires without heartbeats and runs the stage again.
            LOG.errorf("could not report the failure of %s/%d: %s", reporter.job().stageRunId(),
                    reporter.job().attempt(), e.getMessage());
        }
        return stopped == null ? "failed" : stopped.name().toLowerCase(Locale.ROOT);
    }

    private void uploadLog(StageJob job, JobWorkspace workspace) {
        Path log = workspace.logFile();
        if (!Files.exists(log)) {
            return;
        }
        String key = ObjectKeys.log(job.buildId(), job.stage().displayName());
        try (InputStream in = Files.newInputStream(log)) {
            long size = Files.size(log);
            store.put(key, in, size);
            metrics.uploaded(size);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("could not store the stage log %s: %s", key, e.getMessage());
        }
    }

    private void beat(AttemptReporter reporter, StageProgress progress) {
        try {
            progress.flush();
            reporter.heartbeat();
        } catch (RuntimeException e) {
            LOG.warnf("heartbeat of %s failed: %s", reporter.job().stageRunId(), e.getMessage());
        }
    }

    private long heartbeatMillis(StageJob job) {
        long configured = settings.heartbeatInterval().toMillis();
        long asked = job.deadlines() == null ? 0 : job.deadlines().heartbeatIntervalMillis();
        return asked > 0 ? Math.min(asked, configured) : configured;
    }

    private void killContainers(String executorId) {
        try {
            DockerContainers containers = engine.containers();
            containers.containersNamed(StageSession.namePrefix(executorId)).forEach(containers::removeContainer);
        } catch (RuntimeException e) {
            LOG.warnf("could not remove the containers of %s: %s", executorId, e.getMessage());
        }
    }

    private void removeQuietly(String image) {
        try {
            engine.images().removeImage(image);
        } catch (RuntimeException e) {
            LOG.debugf("stage image %s stays: %s", image, e.getMessage());
        }
    }

}
