package dev.stagefarm.plan.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.context.ContextManifest;
import dev.stagefarm.context.EntryType;
import dev.stagefarm.context.ManifestEntry;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.dockerfile.syntax.DockerfileParser;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.plan.BuildPlan;
import dev.stagefarm.plan.PlanOptions;
import dev.stagefarm.plan.Planner;
import dev.stagefarm.plan.Platform;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageCacheKeysTest {
    private static final String DOCKERFILE = """
            ARG GO=1.22
            FROM golang:${GO} AS build
            ARG VERSION=dev
            WORKDIR /src
            COPY go.mod go.sum ./
            COPY cmd/ ./cmd/
            RUN go build -o /out/app ./cmd
            FROM alpine AS docs
            COPY docs /docs
            FROM gcr.io/distroless/static AS runtime
            COPY --from=build /out/app /app
            FROM runtime AS debug
            RUN echo debug
            """;
    private static final Map<String, String> FILES = Map.of(
            "go.mod", "a1", "go.sum", "a2", "cmd/main.go", "a3", "cmd/util/u.go", "a4",
            "docs/index.md", "a5", "README.md", "a6");

    private static Map<Integer, String> keys(String dockerfile, PlanOptions options, Map<String, String> files) {
        BuildPlan plan = Planner.plan(DockerfileParser.parse("Dockerfile", dockerfile), options);
        return StageCacheKeys.compute(plan, ContextDigests.of(files));
    }

    private static Map<Integer, String> keys(String dockerfile) {
        return keys(dockerfile, PlanOptions.defaults().withTarget("runtime"), FILES);
    }

    private static Map<String, String> files(String path, String digest) {
        Map<String, String> changed = new HashMap<>(FILES);
        changed.put(path, digest);
        return changed;
    }

    @Test
    void keysAreStableAndHexSha256() {
        Map<Integer, String> keys = keys(DOCKERFILE);
        assertThat(keys).containsOnlyKeys(0, 2);
        assertThat(keys.get(0)).matches("[0-9a-f]{64}");
        assertThat(keys(DOCKERFILE)).isEqualTo(keys);
    }

    @Test
    void copiedContextFileChangesTheStageAndItsDependents() {
        Map<Integer, String> before = keys(DOCKERFILE);
        Map<Integer, String> after = keys(DOCKERFILE, PlanOptions.defaults().withTarget("runtime"),
                files("cmd/util/u.go", "changed"));
        assertThat(after.get(0)).isNotEqualTo(before.get(0));
        assertThat(after.get(2)).isNotEqualTo(before.get(2));
    }

    @Test
    void fileTheStageDoesNotCopyLeavesTheKey() {
        PlanOptions options = PlanOptions.defaults().withTarget("runtime");
        assertThat(keys(DOCKERFILE, options, files("README.md", "changed"))).isEqualTo(keys(DOCKERFILE));
        assertThat(keys(DOCKERFILE, options, files("docs/index.md", "changed"))).isEqualTo(keys(DOCKERFILE));
        Map<String, String> added = files("other/new.txt", "x");
        assertThat(keys(DOCKERFILE, options, added)).isEqualTo(keys(DOCKERFILE));
    }

    @Test
    void instructionChangeChangesTheStageAndItsDependents() {
        Map<Integer, String> before = keys(DOCKERFILE);
        Map<Integer, String> after = keys(DOCKERFILE.replace("-o /out/app", "-trimpath -o /out/app"));
        assertThat(after.get(0)).isNotEqualTo(before.get(0));
        assertThat(after.get(2)).isNotEqualTo(before.get(2));
    }

    @Test
    void laterOrUnrelatedStageChangeLeavesTheKey() {
        Map<Integer, String> before = keys(DOCKERFILE);
        assertThat(keys(DOCKERFILE.replace("RUN echo debug", "RUN echo other"))).isEqualTo(before);
        assertThat(keys(DOCKERFILE.replace("COPY docs /docs", "COPY docs /documentation"))).isEqualTo(before);
    }

    @Test
    void baseImageAndGlobalArgInFromChangeTheKey() {
        Map<Integer, String> before = keys(DOCKERFILE);
        PlanOptions go123 = new PlanOptions("runtime", Map.of("GO", "1.23"), null, false);
        assertThat(keys(DOCKERFILE, go123, FILES).get(0)).isNotEqualTo(before.get(0));
        assertThat(keys(DOCKERFILE.replace("distroless/static", "distroless/base")).get(2))
                .isNotEqualTo(before.get(2));
        assertThat(keys(DOCKERFILE.replace("distroless/static", "distroless/base")).get(0)).isEqualTo(before.get(0));
    }

    @Test
    void declaredBuildArgChangesTheKeyUnusedOneDoesNot() {
        Map<Integer, String> before = keys(DOCKERFILE);
        assertThat(keys(DOCKERFILE, new PlanOptions("runtime", Map.of("VERSION", "1.0"), null, false), FILES).get(0))
                .isNotEqualTo(before.get(0));
        assertThat(keys(DOCKERFILE, new PlanOptions("runtime", Map.of("UNUSED", "1.0"), null, false), FILES))
                .isEqualTo(before);
    }

    @Test
    void platformChangesTheKey() {
        Map<Integer, String> before = keys(DOCKERFILE);
        PlanOptions arm = new PlanOptions("runtime", Map.of(), Platform.parse("linux/arm64"), false);
        assertThat(keys(DOCKERFILE, arm, FILES).get(0)).isNotEqualTo(before.get(0));
    }

    @Test
    void childStageKeyFollowsItsParentKey() {
        PlanOptions debug = PlanOptions.defaults().withTarget("debug");
        Map<Integer, String> before = keys(DOCKERFILE, debug, FILES);
        Map<Integer, String> after = keys(DOCKERFILE, debug, files("go.mod", "changed"));
        assertThat(after.get(3)).isNotEqualTo(before.get(3));
        assertThat(after.get(0)).isNotEqualTo(before.get(0));
    }

    @Test
    void renumberingStagesKeepsKeys() {
        Map<Integer, String> before = keys(DOCKERFILE);
        String withExtraStage = DOCKERFILE.replace("FROM alpine AS docs", "FROM busybox AS extra\nFROM alpine AS docs");
        Map<Integer, String> after = keys(withExtraStage);
        assertThat(after.get(0)).isEqualTo(before.get(0));
        assertThat(after.get(3)).isEqualTo(before.get(2));
    }

    @Test
    void sourceThatSelectsNothingIsAMissingContextFile() {
        Map<String, String> withoutCmd = new HashMap<>(FILES);
        withoutCmd.remove("cmd/main.go");
        withoutCmd.remove("cmd/util/u.go");
        assertThatThrownBy(() -> keys(DOCKERFILE, PlanOptions.defaults().withTarget("runtime"), withoutCmd))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.CONTEXT_FILE_MISSING);
                    assertThat(e.line()).isEqualTo(6);
                });
    }

    @Test
    void wildcardAndDirectorySourcesSelectLikeDocker() {
        assertThat(ContextPattern.of("cmd").selects("cmd/util/u.go")).isTrue();
        assertThat(ContextPattern.of("./cmd/").selects("cmd/main.go")).isTrue();
        assertThat(ContextPattern.of("/cmd").selects("cmdx/main.go")).isFalse();
        assertThat(ContextPattern.of("*.md").selects("README.md")).isTrue();
        assertThat(ContextPattern.of("*.md").selects("docs/index.md")).isFalse();
        assertThat(ContextPattern.of("do?s").selects("docs/index.md")).isTrue();
        assertThat(ContextPattern.of("go.[ms]*").selects("go.sum")).isTrue();
        assertThat(ContextPattern.of("go.[^m]*").selects("go.mod")).isFalse();
        assertThat(ContextPattern.of(".").selects("anything/at/all")).isTrue();
        assertThat(ContextPattern.of("a\\*b").selects("a*b")).isTrue();
        assertThat(ContextPattern.of("a\\*b").selects("axb")).isFalse();
    }

    @Test
    void inputsAreListedForInspection() {
        BuildPlan plan = Planner.plan(DockerfileParser.parse("Dockerfile", DOCKERFILE),
                PlanOptions.defaults().withTarget("build"));
        StageKeyInputs inputs = StageKeyInputs.of("Dockerfile", plan.stage(0), Map.of(), ContextDigests.of(FILES));
        assertThat(inputs.lines()).contains("platform 11:linux/amd64", "base-image 11:golang:1.22",
                "arg 7:VERSION 3:dev", "context 6:go.mod 2:a1", "context 13:cmd/util/u.go 2:a4");
        assertThat(inputs.lines()).noneMatch(l -> l.contains("README.md") || l.contains("docs/"));
    }

    @Test
    void packedContextManifestGivesVisibleFilesAndLinks() {
        Digest digest = Digest.of("package main".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ContextManifest manifest = new ContextManifest(List.of(
                new ManifestEntry("cmd", EntryType.DIRECTORY, 0755, 0, null, null),
                new ManifestEntry("cmd/main.go", EntryType.FILE, 0644, 12, digest, null),
                new ManifestEntry("cmd/link", EntryType.SYMLINK, 0777, 0, null, "main.go"),
                new ManifestEntry("Dockerfile", EntryType.FILE, 0644, 3, digest, null)), List.of("Dockerfile"));
        assertThat(ContextDigests.of(manifest).digests())
                .containsExactly(Map.entry("cmd/link", "symlink:main.go"), Map.entry("cmd/main.go", digest.hex()));
    }
}
