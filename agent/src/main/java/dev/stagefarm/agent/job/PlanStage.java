package dev.stagefarm.agent.job;

import dev.stagefarm.context.ContextPacker;
import dev.stagefarm.dockerfile.syntax.DockerfileParser;
import dev.stagefarm.dockerfile.syntax.RawDockerfile;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.plan.BuildPlan;
import dev.stagefarm.plan.PlanOptions;
import dev.stagefarm.plan.Planner;
import dev.stagefarm.plan.Platform;
import dev.stagefarm.plan.cache.ContextDigests;
import dev.stagefarm.plan.cache.StageCacheKeys;
import dev.stagefarm.protocol.StageDefinition;
import dev.stagefarm.protocol.StageJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Step 2: parses the Dockerfile inside the extracted context and plans it with the job's target,
 * build args and platform, then picks the job's stage by index and checks that its cache key is
 * the job's: if the two sides planned differently, the stage's outputs would land under a key
 * nobody asks for, so that is an infrastructure error naming both keys.
 */
final class PlanStage {

    PlannedJob plan(StageJob job, Path context) throws IOException {
        StageDefinition definition = job.stage();
        Path file = context.resolve(definition.dockerfilePath()).normalize();
        if (!file.startsWith(context) || !Files.isRegularFile(file)) {
            throw new StagefarmException(FailureCode.CONTEXT_FILE_MISSING, definition.dockerfilePath(), 0,
                    "the Dockerfile " + definition.dockerfilePath() + " is not in the build context");
        }
        RawDockerfile dockerfile = DockerfileParser.parse(definition.dockerfilePath(), file);
        Platform platform = job.platform() == null || job.platform().isBlank() ? null : Platform.parse(job.platform());
        BuildPlan plan = Planner.plan(dockerfile, new PlanOptions(definition.target(), definition.buildArgs(),
                platform, false));
        int index = definition.index();
        if (index < 0 || index >= plan.stages().size() || !plan.build().contains(index)) {
            throw new StagefarmException(FailureCode.UNKNOWN_STAGE, "stage " + definition.displayName(), 0,
                    "stage " + definition.displayName() + " is not part of the plan for target " + definition.target());
        }
        ContextDigests digests = ContextDigests.of(new ContextPacker().manifest(context, definition.dockerfilePath()));
        String key = StageCacheKeys.compute(plan, digests).get(index);
        if (job.cacheKey() != null && !job.cacheKey().equals(key)) {
            throw new StagefarmException(FailureCode.CACHE_KEY_MISMATCH, "stage " + definition.displayName(), 0,
                    "the agent computed cache key " + key + " but the job carries " + job.cacheKey());
        }
        return new PlannedJob(dockerfile, plan, plan.stage(index), key);
    }
}
