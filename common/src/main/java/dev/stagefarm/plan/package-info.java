/**
 * Build planning: from a parsed Dockerfile to the stages a target needs, how they depend on each
 * other (base, COPY --from, RUN --mount from=), the order and waves in which they can run, what
 * each stage must export to later ones, and the inputs of each stage's cache key. The rules are
 * BuildKit's ({@code dockerfile2llb}); {@link dev.stagefarm.plan.Planner} is the entry point and
 * {@link dev.stagefarm.plan.BuildPlan} the result. Pure: no I/O, records only.
 */
package dev.stagefarm.plan;
