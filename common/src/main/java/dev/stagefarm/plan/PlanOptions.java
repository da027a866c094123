package dev.stagefarm.plan;

import java.util.Map;

/**
 * What to plan: the target stage (null means the last stage), {@code --build-arg} values, the
 * target platform (null means {@link Platform#DEFAULT}) and whether to plan every target.
 *
 * @param target the stage to build, or null for the last one
 * @param buildArgs {@code --build-arg} values; they override ARG defaults and reach only the
 *     ARGs that are declared
 * @param platform the target platform, or null for {@link Platform#DEFAULT}
 * @param allTargets true to also compute, for every named stage, the stages it needs
 */
public record PlanOptions(String target, Map<String, String> buildArgs, Platform platform, boolean allTargets) {

    public PlanOptions {
        buildArgs = Map.copyOf(buildArgs);
    }

    /** Default target, no build args, default platform. */
    public static PlanOptions defaults() {
        return new PlanOptions(null, Map.of(), null, false);
    }

    /** The platform in effect. */
    public Platform targetPlatform() {
        return platform == null ? Platform.DEFAULT : platform;
    }

    public PlanOptions withTarget(String newTarget) {
        return new PlanOptions(newTarget, buildArgs, platform, allTargets);
    }

    public PlanOptions withAllTargets() {
        return new PlanOptions(target, buildArgs, platform, true);
    }

    public PlanOptions withBuildArgs(Map<String, String> args) {
        return new PlanOptions(target, args, platform, allTargets);
    }
}
