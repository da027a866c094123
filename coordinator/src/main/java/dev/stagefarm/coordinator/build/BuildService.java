package dev.stagefarm.coordinator.build;

import dev.stagefarm.coordinator.config.Json;
import dev.stagefarm.context.ContextTarScan;
import dev.stagefarm.coordinator.context.ContextReader;
import dev.stagefarm.coordinator.plan.BuildPlanning;
import dev.stagefarm.coordinator.plan.PlannedStage;
import dev.stagefarm.coordinator.plan.PlanningRequest;
import dev.stagefarm.coordinator.plan.StageGraph;
import dev.stagefarm.coordinator.stage.CacheProbe;
import dev.stagefarm.coordinator.stage.StageRunEntity;
import dev.stagefarm.coordinator.stage.StageRunRepository;
import dev.stagefarm.coordinator.stage.StageRunState;
import dev.stagefarm.coordinator.stage.StageTransitions;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Creates and cancels builds. Creating one reads the stored context (Dockerfile and file digests),
 * plans it and checks the cache outside any transaction (that streams the whole context), then
 * stores the build with one stage run per needed stage and dispatches the stages that are ready in
 * one transaction: a request that fails leaves nothing behind. A build that pushes ({@link ImagePush})
 * gives its target's image output the tags to push to, and always runs its target.
 */
@ApplicationScoped
public class BuildService {
    @Inject
    BuildRepository builds;
    @Inject
    StageRunRepository runs;
    @Inject
    ContextReader contexts;
    @Inject
    CacheProbe cache;
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

    public UUID create(NewBuild request) {
        if (request.contextDigest() == null) {
            throw new StagefarmException(FailureCode.BAD_REQUEST, "contextDigest", 0, "contextDigest is required");
        }
        ImagePush push = ImagePush.of(request.outputs(), request.tags());
        ContextTarScan context = contexts.read(request.contextDigest(), request.dockerfile());
        StageGraph graph = planning.plan(new PlanningRequest(request.dockerfile(), context.dockerfile().orElseThrow(),
                context.manifest(), request.target(), request.buildArgs(), request.platform(), request.outputs()));
        Set<Integer> cached = new HashSet<>();
        Set<Integer> needed = new TreeSet<>();
        // A stored image is not a pushed one: a pushing build always runs its target.
        collect(graph, graph.target(), request.noCache(), push.pushes() ? graph.target() : -1, needed, cached);
        return QuarkusTransaction.requiringNew().call(() -> store(request, graph, push, needed, cached));
    }

    private UUID store(NewBuild request, StageGraph graph, ImagePush push, Set<Integer> needed, Set<Integer> cached) {
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
        for (int index : needed) {
            PlannedStage stage = graph.stage(index);
            StageRunEntity run = stageRun(build, stage, cached.contains(index));
            if (index == graph.target()) {
                run.outputs = Json.write(push.applyTo(stage.outputs()));
            }
            if (cached.contains(index)) {
                run.imageId = runs.storedImageId(run.cacheKey).orElse(null);
            }
            stages.add(run);
        }
        runs.persist(stages);
        for (StageRunEntity run : stages) {
            if (cached.contains(run.stageIndex)) {
                transitions.cached(build, run);
            }
        }
        transitions.advance(build, stages);
        transitions.publishEvents();
        return build.id;
    }

    /** Cancels the build unless it already ended; cancelling twice is harmless. */
    @Transactional
    public void cancel(UUID id) {
        BuildEntity build = builds.lock(id).orElseThrow(() -> unknown(id));
        if (!build.state.terminal()) {
            transitions.cancel(build, runs.ofBuild(id), "cancelled by request");
            transitions.publishEvents();
        }
    }

    public static StagefarmException unknown(Object id) {
        return new StagefarmException(FailureCode.UNKNOWN_BUILD, "build " + id, 0, "no build with id " + id);
    }

    /**
     * The stages the build runs, from the target down: a stage whose result is stored under its
     * cache key is CACHED and needs none of its own dependencies, so they are left out unless
     * another stage needs them. The object store is asked once per visited stage, here only.
     */
    private void collect(StageGraph graph, int index, boolean noCache, int mustRun, Set<Integer> needed,
            Set<Integer> cached) {
        if (!needed.add(index)) {
            return;
        }
        PlannedStage stage = graph.stage(index);
        if (!noCache && index != mustRun && cache.complete(stage.outputs())) {
            cached.add(index);
            return;
        }
        stage.dependsOn().forEach(dep -> collect(graph, dep, noCache, mustRun, needed, cached));
    }

    private static StageRunEntity stageRun(BuildEntity build, PlannedStage s, boolean cached) {
        StageRunEntity run = new StageRunEntity();
        run.id = UUID.randomUUID();
        run.buildId = build.id;
        run.stageIndex = s.index();
        run.stageName = s.name();
        run.state = StageRunState.PENDING;
        run.attempt = 0;
        run.dependsOn = cached ? "" : s.dependsOn().stream().map(String::valueOf).collect(Collectors.joining(","));
        run.cacheKey = s.cacheKey();
        run.instructions = Json.write(s.instructions());
        run.steps = s.steps();
        run.inputs = Json.write(s.inputs());
        run.outputs = Json.write(s.outputs());
        return run;
    }
}
