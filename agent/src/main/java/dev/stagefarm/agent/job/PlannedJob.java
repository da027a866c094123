package dev.stagefarm.agent.job;

import dev.stagefarm.dockerfile.syntax.RawDockerfile;
import dev.stagefarm.plan.BuildPlan;
import dev.stagefarm.plan.PlannedStage;

/** The job's stage, planned again on the agent from the context: the same plan the coordinator made. */
record PlannedJob(RawDockerfile dockerfile, BuildPlan plan, PlannedStage stage, String cacheKey) {
}
