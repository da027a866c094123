package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.cache.InstructionCache;
import dev.stagefarm.agent.cache.StepKey;
import dev.stagefarm.agent.docker.DockerEngine;
import dev.stagefarm.agent.stage.StageStep;
import dev.stagefarm.agent.translation.BuildState;
import dev.stagefarm.agent.translation.ConfigRules;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Executes one stage instruction by instruction on the agent's daemon: FROM, then each step
 * (metadata steps only change the accumulated config; RUN, COPY/ADD and WORKDIR commit a new
 * image), then the final image gets the exact accumulated config. Whatever happens, the
 * containers and temporary images and files of the stage are removed; only the result is kept.
 *
 * <p>Thread-safe: stages may run concurrently (each has its own {@link StageSession}).
 */
public final class StageExecutor {

    private final DockerEngine engine;
    private final String agentId;
    private final Path workRoot;
    private final CacheLocks cacheLocks;
    private final UrlDownloader downloader = new UrlDownloader();
    private final InstructionCache cache;

    /**
     * @param agentId names this agent's containers, so leftovers of a killed agent can be found
     * @param workRoot where stages keep temporary files
     */
    public StageExecutor(DockerEngine engine, String agentId, Path workRoot, CacheLocks cacheLocks) {
        this(engine, agentId, workRoot, cacheLocks, null);
    }

    /**
     * @param cache the local instruction cache, or null for none; with a cache the committed
     *     images of each step are kept (they are what it points to)
     */
    public StageExecutor(DockerEngine engine, String agentId, Path workRoot, CacheLocks cacheLocks,
            InstructionCache cache) {
        this.engine = engine;
        this.agentId = agentId;
        this.workRoot = workRoot;
        this.cacheLocks = cacheLocks;
        this.cache = cache;
    }

    /** Runs the stage; {@code noCache} ignores (but still fills) the instruction cache. */
    public StageResult execute(StageWork work, StageInputs inputs, StageListener listener) {
        return execute(work, inputs, listener, false);
    }

    public StageResult execute(StageWork work, StageInputs inputs, StageListener listener, boolean noCache) {
        try (StageSession session = new StageSession(engine, agentId, workRoot, cache != null)) {
            FromStep.Base base = new FromStep(engine).resolve(work.base());
            String image = base.imageId();
            BuildState state = BuildState.startingFrom(base.config());
            RunStep run = new RunStep(session, new MountResolver(inputs, session), cacheLocks);
            CopyStep copy = new CopyStep(session, inputs, downloader);
            WorkdirStep workdir = new WorkdirStep(session);
            StepInputs stepInputs = new StepInputs(inputs);
            for (int i = 0; i < work.steps().size(); i++) {
                StageStep step = work.steps().get(i);
                listener.stepStarted(i, step);
                BuildState before = state;
                state = ConfigRules.apply(state, step);
                if (step.metadataOnly()) {
                    listener.stepFinished(i, step, false);
                    continue;
                }
                String parent = image;
                Optional<StepKey> key = cache == null ? Optional.empty()
                        : stepInputs.digest(step).map(d -> StepKey.of(parent, step, before, d));
                Optional<String> hit = noCache ? Optional.empty()
                        : key.flatMap(k -> cache.lookup(k, id -> engine.images().imageId(id).isPresent()));
                if (hit.isPresent()) {
                    image = hit.get();
                    listener.stepFinished(i, step, true);
                    continue;
                }
                if (step instanceof StageStep.Run r) {
                    image = run.execute(image, state, r, listener);
                } else if (step instanceof StageStep.Copy c) {
                    image = copy.execute(image, state, c);
                } else {
                    image = workdir.execute(image, state.config());
                }
                String committed = image;
                key.ifPresent(k -> cache.store(k, committed));
                listener.stepFinished(i, step, false);
            }
            String result = new FinalizeImage(session).finish(image, state.config());
            session.keep(result);
            return new StageResult(result, state.config());
        }
    }
}
