package dev.stagefarm.plan;

import static dev.stagefarm.plan.PlanFixtures.plan;
import static dev.stagefarm.plan.PlanFixtures.planAll;
import static dev.stagefarm.plan.PlanFixtures.planTarget;
import static dev.stagefarm.plan.PlanFixtures.planWithArgs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {

    @Test
    void stageNamedLikeAnImageShadowsTheImageForLaterFroms() {
        BuildPlan plan = planAll("""
                FROM ruby AS builder
                FROM ruby:3.2 AS ruby
                FROM ruby
                """);
        assertThat(plan.stage(0).base()).isEqualTo(new StageBase.Image("ruby"));
        assertThat(plan.stage(1).base()).isEqualTo(new StageBase.Image("ruby:3.2"));
        assertThat(plan.stage(2).base()).isEqualTo(new StageBase.Stage(1, "ruby"));
        assertThat(plan.targets()).containsEntry("default", List.of(1, 2)).containsEntry("builder", List.of(0));
    }

    @Test
    void fromSeesOnlyEarlierStagesSoAStageCannotBeItsOwnBase() {
        BuildPlan plan = plan("""
                FROM alpine AS alpine
                FROM Alpine AS second
                """);
        assertThat(plan.stage(0).base()).isEqualTo(new StageBase.Image("alpine"));
        assertThat(plan.stage(1).base()).isEqualTo(new StageBase.Image("Alpine"));
    }

    @Test
    void globalArgSelectsTheBaseStage() {
        String dockerfile = """
                ARG VARIANT=alpine
                FROM golang AS build-alpine
                FROM golang AS build-debian
                FROM build-${VARIANT} AS build
                """;
        assertThat(plan(dockerfile).stage(2).base()).isEqualTo(new StageBase.Stage(0, "build-alpine"));
        assertThat(planWithArgs(dockerfile, Map.of("VARIANT", "debian")).stage(2).base())
                .isEqualTo(new StageBase.Stage(1, "build-debian"));
        assertThat(planWithArgs(dockerfile, Map.of("VARIANT", "debian")).build()).containsExactly(1, 2);
    }

    @Test
    void automaticTargetOsSelectsThePlatformStage() {
        String dockerfile = """
                FROM scratch AS binaries-linux
                FROM scratch AS binaries-windows
                FROM binaries-$TARGETOS
                """;
        assertThat(plan(dockerfile).stage(2).base()).isEqualTo(new StageBase.Stage(0, "binaries-linux"));
        BuildPlan windows = plan(dockerfile, new PlanOptions(null, Map.of(), Platform.parse("windows/amd64"), false));
        assertThat(windows.stage(2).base()).isEqualTo(new StageBase.Stage(1, "binaries-windows"));
        assertThat(windows.build()).containsExactly(1, 2);
    }

    @Test
    void automaticPlatformArgsAndTargetStageAreUsableInFrom() {
        BuildPlan plan = plan("""
                FROM --platform=$BUILDPLATFORM img:${TARGETARCH}${TARGETVARIANT:+-$TARGETVARIANT}-${TARGETSTAGE} AS xx
                """, new PlanOptions(null, Map.of(), Platform.parse("linux/arm/v7"), false));
        assertThat(plan.stage(0).base()).isEqualTo(new StageBase.Image("img:arm-v7-xx"));
        assertThat(plan.stage(0).platform()).isEqualTo("$BUILDPLATFORM");
        assertThat(plan.stage(0).effectivePlatform()).isEqualTo(Platform.DEFAULT);
    }

    @Test
    void globalArgDefaultsReferToEarlierArgsAndLoseTheirQuotes() {
        BuildPlan plan = plan("""
                ARG A=bookworm B="-slim"
                ARG C=${A}${B}
                ARG UNSET
                FROM debian:"${C}"${UNSET:-}
                """);
        assertThat(plan.stage(0).base()).isEqualTo(new StageBase.Image("debian:bookworm-slim"));
    }

    @Test
    void buildArgOverridesGlobalAndStageDefaultsButOnlyDeclaredArgs() {
        String dockerfile = """
                ARG NODE=18
                FROM node:${NODE} AS build
                ARG OUT=dist
                RUN make
                FROM nginx
                COPY --from=build /app/${OUT} /usr/share/nginx/html
                """;
        BuildPlan overridden = planWithArgs(dockerfile, Map.of("NODE", "20", "OUT", "build", "UNUSED", "x"));
        assertThat(overridden.stage(0).base()).isEqualTo(new StageBase.Image("node:20"));
        assertThat(overridden.stage(0).args()).containsExactly(new ArgValue("OUT", "build"));
        // OUT is declared in stage 0 only: stage 1 does not see it
        assertThat(overridden.stage(1).copiesFrom().get(0).expandedPaths()).containsExactly("/app/");
        assertThat(plan(dockerfile).stage(0).base()).isEqualTo(new StageBase.Image("node:18"));
    }

    @Test
    void globalArgIsInvisibleInAStageUntilRedeclaredBare() {
        BuildPlan plan = plan("""
                ARG DIR=/out
                FROM alpine AS a
                FROM alpine AS b
                ARG DIR
                FROM scratch
                COPY --from=a $DIR/x /
                COPY --from=b $DIR/y /
                """);
        assertThat(plan.stage(2).copiesFrom()).extracting(StageCopy::expandedPaths)
                .containsExactly(List.of("/x"), List.of("/y"));
        plan = plan("""
                ARG DIR=/out
                FROM alpine AS a
                ARG DIR
                FROM scratch
                COPY --from=a $DIR/x /
                """);
        assertThat(plan.stage(0).args()).containsExactly(new ArgValue("DIR", "/out"));
        assertThat(plan.stage(1).copiesFrom().get(0).expandedPaths()).containsExactly("/x");
    }

    @Test
    void copySourcesAreExpandedWithArgsAndEnvInheritedFromTheParentStage() {
        BuildPlan plan = plan("""
                FROM maven AS base
                ARG DEPENDENCY=/workdir/target/dependency
                ENV APP=/app LIB=$APP/lib
                FROM base AS prepare
                ENV CONF="${APP}/conf files"
                COPY ${DEPENDENCY}/lib "$CONF" $LIB /dst/
                FROM scratch
                COPY --from=prepare ${DEPENDENCY}/lib /lib
                """);
        assertThat(plan.stage(1).contextSources()).extracting(ContextSource::expanded)
                .containsExactly("/workdir/target/dependency/lib", "/app/conf files", "/lib");
        assertThat(plan.stage(2).copiesFrom().get(0).paths()).containsExactly("${DEPENDENCY}/lib");
        assertThat(plan.stage(2).copiesFrom().get(0).expandedPaths()).containsExactly("/lib");
        assertThat(plan.stage(1).exports()).isEqualTo(new StageExport(List.of("/lib"), false));
    }

    @Test
    void envPairsOfOneInstructionSeeTheScopeBeforeIt() {
        BuildPlan plan = plan("""
                FROM alpine AS a
                ENV A=old
                ENV A=new B=$A
                COPY $B /
                """);
        assertThat(plan.stage(0).contextSources().get(0).expanded()).isEqualTo("old");
    }

    @Test
    void copyFromResolvesDigitsAsIndexNamesOverAllStagesLastDuplicateWinsElseImage() {
        BuildPlan plan = planAll("""
                FROM alpine AS tools
                FROM alpine AS tools
                FROM scratch
                COPY --from=0 /a /
                COPY --from=TOOLS /b /
                COPY --from=busybox:1.36 /bin/busybox /
                COPY --from=tools /c /
                """);
        PlannedStage last = plan.stage(2);
        assertThat(last.dependsOn()).containsExactly(0, 1);
        assertThat(last.copiesFrom()).containsExactly(
                new StageCopy(0, List.of("/a"), List.of("/a")),
                new StageCopy(1, List.of("/b", "/c"), List.of("/b", "/c")));
        assertThat(last.copiesFromImages()).containsExactly(
                new ImageCopy("busybox:1.36", List.of("/bin/busybox"), List.of("/bin/busybox")));
        assertThat(plan.targets()).containsEntry("tools", List.of(1)).containsEntry("default", List.of(0, 1, 2));
    }

    @Test
    void runMountFromLooksUpNamesOnlyAndIgnoresMountsWithoutFrom() {
        BuildPlan plan = plan("""
                FROM alpine AS version
                FROM golang
                RUN --mount=type=cache,target=/root/.cache --mount=type=bind,from=version,source=/v,target=/v \\
                    --mount=from=0,target=/zero --mount=type=secret,id=x make
                """);
        assertThat(plan.stage(1).dependsOn()).containsExactly(0);
        assertThat(plan.stage(1).mountsFrom()).containsExactly(new MountSource.Stage(0, "/v"),
                new MountSource.Image("0", "/"));
        assertThat(plan.stage(0).exports()).isEqualTo(new StageExport(List.of("/v"), false));
    }

    @Test
    void referenceToALaterStageFailsOnlyTargetsThatBuildTheReferringStage() {
        String dockerfile = """
                FROM alpine AS early
                COPY --from=late /x /x
                FROM alpine AS late
                FROM alpine AS final
                COPY --from=late /y /y
                """;
        assertThat(plan(dockerfile).build()).containsExactly(1, 2);
        assertThatThrownBy(() -> planTarget(dockerfile, "early"))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.STAGE_ORDER);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.subject()).isEqualTo("Dockerfile:2");
                    assertThat(e.getMessage()).isEqualTo(
                            "cannot copy from stage \"late\", it needs to be defined before current stage \"early\"");
                });
        BuildPlan all = planAll(dockerfile);
        assertThat(all.targets()).doesNotContainKey("early").containsKeys("default", "late", "final");
        assertThat(all.targetErrors()).containsOnlyKeys("early");
    }

    @Test
    void mountOfALaterStageFailsWithBuildKitsMessage() {
        assertThatThrownBy(() -> plan("""
                FROM alpine
                RUN --mount=from=later,target=/mnt ls
                FROM alpine AS later
                FROM scratch
                COPY --from=0 / /
                """)).hasMessage("cannot mount from stage \"later\" to \"/mnt\", stage needs to be defined before current command");
    }

    @Test
    void cycleFailsEveryTargetNamingTheFirstStageThatReachesIt() {
        String dockerfile = """
                FROM alpine AS a
                COPY --from=b /x /
                FROM alpine AS b
                COPY --from=a /y /
                FROM alpine AS c
                """;
        assertThatThrownBy(() -> planTarget(dockerfile, "c"))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.STAGE_CYCLE);
                    assertThat(e.getMessage()).isEqualTo("circular dependency detected on stage: a");
                });
    }

    @Test
    void duplicateStageNameMakesACopyFromItselfACycle() {
        assertThatThrownBy(() -> plan("""
                FROM chef AS planner
                RUN prepare
                FROM chef AS planner
                COPY --from=planner /app/recipe.json .
                FROM rust
                """)).hasMessage("circular dependency detected on stage: planner");
    }

    @Test
    void unknownTargetSuggestsTheClosestStageAndListsThem() {
        assertThatThrownBy(() -> planTarget("""
                FROM node AS build
                FROM nginx AS runtime
                """, "biuld")).isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.UNKNOWN_TARGET);
                    assertThat(e.getMessage()).isEqualTo("target stage \"biuld\" could not be found "
                            + "(did you mean build?); stages are: build, runtime");
                });
    }

    @Test
    void targetIsCaseInsensitiveAndPrunesStagesItDoesNotReach() {
        BuildPlan plan = planTarget("""
                FROM alpine AS base
                FROM base AS test
                RUN --mount=from=fixtures,target=/f ls
                FROM alpine AS fixtures
                FROM base AS release
                """, "Release");
        assertThat(plan.build()).containsExactly(0, 3);
        assertThat(plan.targets()).containsOnlyKeys("Release");
    }

    @Test
    void diamondRunsTheTwoMiddleStagesInOneWave() {
        BuildPlan plan = plan("""
                FROM alpine AS base
                FROM base AS left
                FROM base AS right
                FROM scratch AS joined
                COPY --from=left /l /
                COPY --from=right /r /
                """);
        assertThat(plan.waves()).containsExactly(List.of(0), List.of(1, 2), List.of(3));
        assertThat(plan.build()).containsExactly(0, 1, 2, 3);
        assertThat(plan.stage(0).exports()).isEqualTo(new StageExport(List.of(), true));
    }

    @Test
    void copyFromWithAVariableIsRejected() {
        assertThatThrownBy(() -> plan("""
                FROM alpine AS a
                FROM scratch
                ARG SRC=a
                COPY --from=$SRC /x /
                """)).isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.VARIABLE_EXPANSION);
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.getMessage()).startsWith("variable expansion is not supported for --from");
                });
    }

    @Test
    void outOfRangeStageIndexIsAnError() {
        assertThatThrownBy(() -> plan("""
                FROM alpine
                COPY --from=3 /x /
                """)).hasMessage("invalid stage index 3");
    }

    @Test
    void instructionsOutsideStagesAndUnknownKeywordsAreRejected() {
        assertThatThrownBy(() -> plan("RUN echo\nFROM alpine\n"))
                .isInstanceOfSatisfying(StagefarmException.class, e -> assertThat(e.line()).isEqualTo(1));
        assertThatThrownBy(() -> plan("FROM alpine\nRUNN echo\n"))
                .hasMessage("unknown instruction: RUNN");
        assertThatThrownBy(() -> plan("ARG X=1\n")).hasMessage("dockerfile contains no stages to build");
        assertThatThrownBy(() -> plan("FROM alpine AS 1st\n")).hasMessageContaining("invalid name for build stage");
        assertThatThrownBy(() -> plan("ARG E\nFROM ${E}\n")).hasMessage("base name (${E}) should not be blank");
    }

    @Test
    void expansionErrorInAStageFailsOnlyTargetsThatNeedIt() {
        String dockerfile = """
                FROM alpine AS broken
                COPY ${X:?required} /
                FROM alpine AS fine
                """;
        assertThat(plan(dockerfile).build()).containsExactly(1);
        assertThatThrownBy(() -> planTarget(dockerfile, "broken"))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.VARIABLE_EXPANSION);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("X: required");
                });
    }

    @Test
    void inheritedStageTakesItsParentsPlatform() {
        BuildPlan plan = plan("""
                FROM --platform=linux/arm64 alpine AS base
                FROM --platform=linux/amd64 base AS child
                FROM alpine
                COPY --from=child / /
                """);
        assertThat(plan.stage(1).effectivePlatform()).isEqualTo(Platform.parse("linux/arm64"));
        assertThat(plan.stage(2).effectivePlatform()).isEqualTo(Platform.DEFAULT);
    }

    @Test
    void onbuildTriggersOfABaseStageRunInTheChildAndAddItsDependencies() {
        BuildPlan plan = plan("""
                FROM alpine AS assets
                FROM alpine AS base
                ONBUILD COPY --from=assets /a /a
                FROM base
                RUN ls
                """);
        assertThat(plan.stage(2).dependsOn()).containsExactly(0, 1);
        assertThat(plan.stage(2).steps().get(0).fromOnbuild()).isTrue();
        assertThat(plan.stage(1).dependsOn()).isEmpty();
    }

    @Test
    void heredocSourcesAreNotContextFiles() {
        BuildPlan plan = plan("""
                FROM alpine
                COPY <<EOF /etc/motd
                hello
                EOF
                COPY app.conf /etc/
                """);
        assertThat(plan.stage(0).contextSources()).extracting(ContextSource::expanded).containsExactly("app.conf");
        assertThat(plan.stage(0).steps().get(0).words()).contains("hello\n");
    }
}
