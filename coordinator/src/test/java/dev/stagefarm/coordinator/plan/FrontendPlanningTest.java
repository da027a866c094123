package dev.stagefarm.coordinator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.context.ContextManifest;
import dev.stagefarm.context.EntryType;
import dev.stagefarm.context.ManifestEntry;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.dockerfile.syntax.DockerfileParser;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.plan.PlanOptions;
import dev.stagefarm.plan.Planner;
import dev.stagefarm.plan.Platform;
import dev.stagefarm.plan.cache.ContextDigests;
import dev.stagefarm.plan.cache.StageCacheKeys;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.ObjectKeys;
import dev.stagefarm.protocol.StageInput;
import dev.stagefarm.protocol.StageOutput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontendPlanningTest {
    static final String DOCKERFILE = String.join("\n",
            "ARG OUT=/dist",
            "FROM busybox AS deps",
            "COPY package.json /src/",
            "RUN echo deps > /deps",
            "FROM deps AS build",
            "ARG OUT",
            "COPY src/ /src/",
            "RUN mkdir -p $OUT && echo app > $OUT/app",
            "FROM busybox AS unused",
            "RUN false",
            "FROM alpine AS final",
            "ARG OUT",
            "COPY --from=build ${OUT}/app /app",
            "RUN --mount=type=bind,from=deps,source=/deps,target=/d cat /d",
            "");

    private final FrontendPlanning planning = new FrontendPlanning();

    private static ContextManifest context(String appJs) {
        return new ContextManifest(List.of(
                file("package.json", "{}"),
                new ManifestEntry("src", EntryType.DIRECTORY, 0755, 0, null, null),
                file("src/app.js", appJs),
                file("Dockerfile", DOCKERFILE)), List.of());
    }

    private static ManifestEntry file(String path, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new ManifestEntry(path, EntryType.FILE, 0644, bytes.length, Digest.of(bytes), null);
    }

    private StageGraph plan(ContextManifest context, String target, List<String> outputs) {
        return planning.plan(new PlanningRequest("Dockerfile", DOCKERFILE, context, target, Map.of("OUT", "/out"),
                "linux/arm64", outputs));
    }

    @Test
    void keepsOnlyTheStagesTheTargetNeeds() {
        StageGraph graph = plan(context("a"), null, List.of());

        assertThat(graph.stages()).extracting(PlannedStage::index).containsExactly(0, 1, 3);
        assertThat(graph.target()).isEqualTo(3);
        assertThat(graph.stage(3).dependsOn()).containsExactly(0, 1);
    }

    @Test
    void wiresInputsWithExpandedPathsAndTheProducersKeys() {
        StageGraph graph = plan(context("a"), null, List.of());
        String depsKey = graph.stage(0).cacheKey();
        String buildKey = graph.stage(1).cacheKey();

        assertThat(graph.stage(1).inputs()).containsExactly(new StageInput(0, "deps", ArtifactKind.IMAGE, depsKey,
                ObjectKeys.image(depsKey), List.of()));
        assertThat(graph.stage(3).inputs()).containsExactly(
                new StageInput(1, "build", ArtifactKind.FILES, buildKey, ObjectKeys.artifact(buildKey, List.of("/out/app")),
                        List.of("/out/app")),
                new StageInput(0, "deps", ArtifactKind.FILES, depsKey, ObjectKeys.artifact(depsKey, List.of("/deps")),
                        List.of("/deps")));
    }

    @Test
    void exportsWhatLaterStagesTakeAndTheTargetsImage() {
        StageGraph graph = plan(context("a"), null, List.of("type=docker"));
        String depsKey = graph.stage(0).cacheKey();
        String buildKey = graph.stage(1).cacheKey();
        String finalKey = graph.stage(3).cacheKey();

        assertThat(graph.stage(0).outputs()).containsExactly(
                new StageOutput(ArtifactKind.FILES, List.of("/deps"), ObjectKeys.artifact(depsKey, List.of("/deps")),
                        ObjectKeys.artifactManifest(depsKey, List.of("/deps"))),
                new StageOutput(ArtifactKind.IMAGE, List.of(), ObjectKeys.image(depsKey), null));
        assertThat(graph.stage(1).outputs()).containsExactly(new StageOutput(ArtifactKind.FILES,
                List.of("/out/app"), ObjectKeys.artifact(buildKey, List.of("/out/app")), ObjectKeys.artifactManifest(buildKey, List.of("/out/app"))));
        assertThat(graph.stage(3).outputs()).containsExactly(
                new StageOutput(ArtifactKind.IMAGE, List.of(), ObjectKeys.image(finalKey), null));
    }

    @Test
    void localOutputStoresTheTargetsImageAndNoFilesUnderItsArtifactKey() {
        StageGraph graph = plan(context("a"), "build", List.of("type=local"));
        String buildKey = graph.stage(1).cacheKey();

        assertThat(graph.stages()).extracting(PlannedStage::index).containsExactly(0, 1);
        assertThat(graph.stage(1).outputs()).containsExactly(
                new StageOutput(ArtifactKind.IMAGE, List.of(), ObjectKeys.image(buildKey), null));
    }

    @Test
    void sameStageExportingOtherPathsStoresItsFilesUnderAnotherKey() {
        String narrow = "FROM busybox AS builder\nRUN mkdir -p /app/dist /app/lib\n"
                + "FROM busybox\nCOPY --from=builder /app/dist /dist\n";
        String wide = narrow + "COPY --from=builder /app/lib /lib\n";
        StageGraph first = plan(narrow);
        StageGraph second = plan(wide);

        // the builder is the same stage in both builds, but the second needs more of its files
        assertThat(second.stage(0).cacheKey()).isEqualTo(first.stage(0).cacheKey());
        StageOutput narrowFiles = first.stage(0).outputs().get(0);
        StageOutput wideFiles = second.stage(0).outputs().get(0);
        assertThat(wideFiles.paths()).containsExactly("/app/dist", "/app/lib");
        assertThat(wideFiles.objectKey()).isNotEqualTo(narrowFiles.objectKey());
        assertThat(wideFiles.manifestKey()).isNotEqualTo(narrowFiles.manifestKey());
        // and the consumer reads the artifact its producer writes, whichever of its paths it copies
        assertThat(second.stage(1).inputs()).singleElement()
                .satisfies(input -> assertThat(input.objectKey()).isEqualTo(wideFiles.objectKey()));
    }

    private StageGraph plan(String dockerfile) {
        return planning.plan(new PlanningRequest("Dockerfile", dockerfile,
                new ContextManifest(List.of(file("Dockerfile", dockerfile)), List.of()), null, Map.of(), null,
                List.of()));
    }

    @Test
    void cacheKeysAreTheOnesAnAgentComputesFromTheSameInputs() {
        ContextManifest context = context("a");
        StageGraph graph = plan(context, null, List.of());

        Map<Integer, String> agentKeys = StageCacheKeys.compute(Planner.plan(
                DockerfileParser.parse("Dockerfile", DOCKERFILE),
                new PlanOptions(null, Map.of("OUT", "/out"), Platform.parse("linux/arm64"), false)),
                ContextDigests.of(context));
        assertThat(graph.stages()).allSatisfy(s -> assertThat(s.cacheKey()).isEqualTo(agentKeys.get(s.index())));
    }

    @Test
    void changingACopiedFileChangesOnlyTheKeysThatDependOnIt() {
        StageGraph before = plan(context("a"), null, List.of());
        StageGraph after = plan(context("b"), null, List.of());

        assertThat(after.stage(0).cacheKey()).isEqualTo(before.stage(0).cacheKey());
        assertThat(after.stage(1).cacheKey()).isNotEqualTo(before.stage(1).cacheKey());
        assertThat(after.stage(3).cacheKey()).isNotEqualTo(before.stage(3).cacheKey());
    }

    @Test
    void instructionsAreTheCanonicalExpandedSteps() {
        StageGraph graph = plan(context("a"), null, List.of());

        assertThat(graph.stage(3).instructions()).contains("COPY --from=build /out/app /app");
    }

    @Test
    void stepsCountTheFromAndEachOwnInstructionButNoInheritedOnbuildTrigger() {
        StageGraph graph = plan(context("a"), null, List.of());
        assertThat(graph.stages()).extracting(PlannedStage::steps).containsExactly(3, 4, 4);

        String onbuild = "FROM busybox AS base\nONBUILD RUN echo trigger\nFROM base AS app\nRUN true\n";
        StageGraph inherited = planning.plan(new PlanningRequest("Dockerfile", onbuild, new ContextManifest(
                List.of(file("Dockerfile", onbuild)), List.of()), null, Map.of(), null, List.of()));
        assertThat(inherited.stage(1).instructions()).hasSize(2);
        assertThat(inherited.stage(1).steps()).isEqualTo(2);
    }

    @Test
    void planningErrorCarriesTheFrontendsCodeAndLine() {
        String bad = "FROM busybox AS a\nCOPY --from=b /x /x\nFROM busybox AS b\n";

        assertThatThrownBy(() -> planning.plan(new PlanningRequest("Dockerfile", bad, context("a"), "a", Map.of(),
                null, List.of())))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.STAGE_ORDER);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("cannot copy from stage \"b\"");
                });
    }

    @Test
    void unknownTargetIsReported() {
        assertThatThrownBy(() -> plan(context("a"), "nope", List.of()))
                .isInstanceOfSatisfying(StagefarmException.class,
                        e -> assertThat(e.code()).isEqualTo(FailureCode.UNKNOWN_TARGET));
    }
}
