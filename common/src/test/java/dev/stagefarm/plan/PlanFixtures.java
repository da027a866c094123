package dev.stagefarm.plan;

import dev.stagefarm.dockerfile.syntax.DockerfileParser;
import java.util.Map;

/** Parses and plans Dockerfile text written in a test. */
final class PlanFixtures {
    private PlanFixtures() {
    }

    static BuildPlan plan(String dockerfile) {
        return plan(dockerfile, PlanOptions.defaults());
    }

    static BuildPlan plan(String dockerfile, PlanOptions options) {
        return Planner.plan(DockerfileParser.parse("Dockerfile", dockerfile), options);
    }

    static BuildPlan planAll(String dockerfile) {
        return plan(dockerfile, PlanOptions.defaults().withAllTargets());
    }

    static BuildPlan planTarget(String dockerfile, String target) {
        return plan(dockerfile, PlanOptions.defaults().withTarget(target));
    }

    static BuildPlan planWithArgs(String dockerfile, Map<String, String> args) {
        return plan(dockerfile, PlanOptions.defaults().withBuildArgs(args));
    }
}
