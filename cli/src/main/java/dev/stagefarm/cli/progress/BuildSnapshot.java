package dev.stagefarm.cli.progress;

import dev.stagefarm.api.BuildView;
import dev.stagefarm.cli.api.ProgressEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the client shows about a build at one moment, rolled up from the build as created
 * and the progress events since: a pure reducer, {@code snapshot.apply(event)} returns the next
 * snapshot and never changes this one. Unknown event kinds are kept out (a newer coordinator), as
 * are step and log events of an attempt that was replaced. Immutable and thread-safe.
 *
 * @param failure why the build failed or was cancelled, once it has
 * @param lastSeq the last event applied, to resume the stream after it
 */
public record BuildSnapshot(String buildId, String state, String target, Instant createdAt, Instant startedAt,
        Instant finishedAt, List<StageSnapshot> stages, BuildView.Failure failure, long lastSeq) {

    public BuildSnapshot {
        stages = List.copyOf(stages);
    }

    /** The build as the coordinator described it (the answer to its creation, or a status query). */
    public static BuildSnapshot of(BuildView build) {
        List<StageSnapshot> stages = new ArrayList<>();
        for (BuildView.StageView s : build.stages()) {
            stages.add(StageSnapshot.planned(s.index(), displayName(s), s.state(), s.attempt(), s.agent(),
                    s.steps() == null ? 0 : s.steps(), s.startedAt(), s.finishedAt()));
        }
        return new BuildSnapshot(build.id(), build.state(), build.target(), build.createdAt(), build.startedAt(),
                build.finishedAt(), stages, build.failure(), 0);
    }

    /** A stage's name, or BuildKit's {@code stage-N} for one without {@code AS name}. */
    public static String displayName(BuildView.StageView stage) {
        return stage.name() == null || stage.name().isBlank() ? "stage-" + stage.index() : stage.name();
    }

    /** True once the build succeeded, failed or was cancelled. */
    public boolean ended() {
        return "SUCCEEDED".equals(state) || "FAILED".equals(state) || "CANCELLED".equals(state);
    }

    /** The stage with this index, or null. */
    public StageSnapshot stage(Integer index) {
        if (index == null) {
            return null;
        }
        return stages.stream().filter(s -> s.index() == index).findFirst().orElse(null);
    }

    /** The snapshot after {@code event}. */
    public BuildSnapshot apply(ProgressEvent event) {
        if (event.seq() != 0 && event.seq() <= lastSeq) {
            return this;
        }
        String kind = event.kind() == null ? "" : event.kind();
        if (kind.startsWith("BUILD_")) {
            return build(event, kind.substring("BUILD_".length()));
        }
        StageSnapshot stage = stage(event.stageIndex());
        if (stage == null) {
            return advanced(event);
        }
        long attempt = event.number("attempt", stage.attempt());
        boolean current = attempt >= stage.attempt();
        StageSnapshot next = switch (kind) {
            case "STAGE_QUEUED" -> stage.queued((int) attempt);
            case "STAGE_RUNNING" -> stage.running(event.text("agent"), event.time());
            case "STAGE_RETRY" -> stage.withState("QUEUED", event.time());
            case "STAGE_SUCCEEDED", "STAGE_CACHED", "STAGE_FAILED", "STAGE_CANCELLED", "STAGE_SKIPPED" ->
                    stage.withState(kind.substring("STAGE_".length()), event.time());
            case "STEP_STARTED" -> current
                    ? stage.stepStarted((int) event.number("step", 0), event.text("instruction")) : stage;
            case "STEP_FINISHED" -> current ? stage.stepFinished(event.flag("cached")) : stage;
            case "LOG" -> current && event.text("text") != null ? stage.logged(event.text("text")) : stage;
            default -> stage;
        };
        List<StageSnapshot> stagesAfter = new ArrayList<>(stages);
        stagesAfter.set(stagesAfter.indexOf(stage), next);
        Instant started = startedAt == null && "STAGE_RUNNING".equals(kind) ? event.time() : startedAt;
        return new BuildSnapshot(buildId, state, target, createdAt, started, finishedAt, stagesAfter, failure,
                event.seq());
    }

    private BuildSnapshot build(ProgressEvent event, String newState) {
        if ("RUNNING".equals(newState)) {
            return new BuildSnapshot(buildId, newState, target, createdAt, startedAt == null ? event.time() : startedAt,
                    finishedAt, stages, failure, event.seq());
        }
        BuildView.Failure why = failure;
        if (event.text("code") != null) {
            List<String> tail = new ArrayList<>();
            event.details().path("logTail").forEach(line -> tail.add(line.asText()));
            why = new BuildView.Failure(event.text("code"), event.text("subject"), event.text("message"),
                    event.text("step"), tail);
        }
        return new BuildSnapshot(buildId, newState, target, createdAt, startedAt, event.time(), stages, why,
                event.seq());
    }

    private BuildSnapshot advanced(ProgressEvent event) {
        return new BuildSnapshot(buildId, state, target, createdAt, startedAt, finishedAt, stages, failure,
                Math.max(lastSeq, event.seq()));
    }

    /** The same build with its final description from the coordinator (the image, the failure). */
    public BuildSnapshot withFailure(BuildView.Failure newFailure) {
        return new BuildSnapshot(buildId, state, target, createdAt, startedAt, finishedAt, stages, newFailure,
                lastSeq);
    }
}
