package dev.stagefarm.coordinator.build;

import dev.stagefarm.coordinator.config.Json;
import dev.stagefarm.coordinator.context.DockerfileReader;
import dev.stagefarm.coordinator.plan.BuildPlanning;
import dev.stagefarm.coordinator.plan.PlannedStage;
import dev.stagefarm.coordinator.plan.PlanningRequest;
import dev.stagefarm.coordinator.plan.StageGraph;
import dev.stagefarm.coordinator.stage.StageRunEntity;
import dev.stagefarm.coordinator.stage.StageRunRepository;
import dev.stagefarm.coordinator.stage.StageRunState;
import dev.stagefarm.coordinator.stage.StageTransitions;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.ObjectKeys;
import dev.stagefarm.protocol.StageInput;
import dev.stagefarm.protocol.StageOutput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Creates and cancels builds. Creating one reads the Dockerfile from the stored context, plans
 * it, stores the build with one stage run per needed stage and dispatches the stages that are
 * ready, all in one transaction: a request that fails leaves nothing behind.
 */
@ApplicationScoped
public class BuildService {
    @Inject
    BuildRepository builds;
    @Inject
    StageRunRepository runs;
    @Inject
    DockerfileReader dockerfiles;
    @Inject
    BuildPlanning planning;
    @Inject
    StageTransitions transitions;
    @Inject
    Clock clock;

    /** What a caller asks to build; see the REST request for the meaning of each field. */
    public record NewBuild(String contextDigest, String dockerfile, String target, Map<String, String> buildArgs,
            String platform, List<String> tags, List<String> outputs, boolean noCache, Map<String, String> labels) {
    }

    @Transactional
    public UUID create(NewBuild request) {
        if (request.contextDigest() == null) {
            throw new StagefarmException(FailureCode.BAD_REQUEST, "contextDigest", 0, "contextDigest is required");
        }
        String text = dockerfiles.read(request.contextDigest(), request.dockerfile());
        StageGraph graph = planning.plan(new PlanningRequest(request.contextDigest(), request.dockerfile(), text,
                request.target(), request.buildArgs(), request.platform()));
        BuildEntity build = new BuildEntity();
        build.id = UUID.randomUUID();
        build.state = BuildState.QUEUED;
        build.contextDigest = request.contextDigest();
        build.dockerfilePath = request.dockerfile();
        build.target = request.target();
        build.targetIndex = graph.target();
        build.platform = request.platform();
        build.buildArgs = Json.write(request.buildArgs());
        build.tags = Json.write(request.tags());
        build.outputs = Json.write(request.outputs());
        build.labels = Json.write(request.labels());
        build.noCache = request.noCache();
        build.createdAt = clock.instant();
        builds.persist(build);
        request.labels().forEach((name, value) -> {
            BuildLabelEntity label = new BuildLabelEntity();
            label.buildId = build.id;
            label.name = name;
            label.value = value;
            builds.getEntityManager().persist(label);
        });
        List<StageRunEntity> stages = new ArrayList<>();
        for (PlannedStage s : graph.stages()) {
            stages.add(stageRun(build, graph, s));
        }
        runs.persist(stages);
        transitions.advance(build, stages);
        return build.id;
    }

    /** Cancels the build unless it already ended; cancelling twice is harmless. */
    @Transactional
    public void cancel(UUID id) {
        BuildEntity build = builds.lock(id).orElseThrow(() -> unknown(id));
        if (!build.state.terminal()) {
            transitions.cancel(build, runs.ofBuild(id), "cancelled by request");
        }
    }

    public static StagefarmException unknown(Object id) {
        return new StagefarmException(FailureCode.UNKNOWN_BUILD, "build " + id, 0, "no build with id " + id);
    }

    private static StageRunEntity stageRun(BuildEntity build, StageGraph graph, PlannedStage s) {
        StageRunEntity run = new StageRunEntity();
        run.id = UUID.randomUUID();
        run.buildId = build.id;
        run.stageIndex = s.index();
        run.stageName = s.name();
        run.state = StageRunState.PENDING;
        run.attempt = 0;
        run.dependsOn = s.dependsOn().stream().map(String::valueOf).collect(Collectors.joining(","));
        run.cacheKey = s.cacheKey();
        run.instructions = Json.write(s.instructions());
        List<StageInput> inputs = new ArrayList<>();
        if (s.baseStage() != null) {
            PlannedStage base = graph.stage(s.baseStage());
            inputs.add(new StageInput(base.index(), base.name(), ArtifactKind.IMAGE, base.cacheKey(),
                    ObjectKeys.image(base.cacheKey()), List.of()));
        }
        for (PlannedStage.CopySource copy : s.copiesFrom()) {
            PlannedStage from = graph.stage(copy.stage());
            inputs.add(new StageInput(from.index(), from.name(), ArtifactKind.FILES, from.cacheKey(),
                    ObjectKeys.artifact(from.cacheKey()), copy.paths()));
        }
        run.inputs = Json.write(inputs);
        List<StageOutput> outputs = new ArrayList<>();
        List<String> exported = graph.exportedPaths(s.index());
        if (!exported.isEmpty()) {
            outputs.add(new StageOutput(ArtifactKind.FILES, exported, ObjectKeys.artifact(s.cacheKey()),
                    ObjectKeys.artifactManifest(s.cacheKey())));
        }
        if (graph.exportsImage(s.index())) {
            outputs.add(new StageOutput(ArtifactKind.IMAGE, List.of(), ObjectKeys.image(s.cacheKey()), null));
        }
        run.outputs = Json.write(outputs);
        return run;
    }
}
