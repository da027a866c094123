package dev.stagefarm.plan;

import java.util.List;

/**
 * One stage of a {@link BuildPlan}: where it starts, what it needs from other stages and images,
 * what later stages need from it, and the canonical instructions its cache key is made of.
 *
 * @param index 0-based position of its FROM
 * @param name the {@code AS} name lower-cased, or null
 * @param base the base image or earlier stage
 * @param platform the raw {@code --platform} value of its FROM, or null
 * @param effectivePlatform the platform it runs for: its expanded {@code --platform}, its base
 *     stage's platform when it inherits, else the target platform
 * @param line the FROM line
 * @param dependsOn sorted indexes of the stages it needs directly (base, COPY --from, mounts)
 * @param copiesFrom per source stage, in order of first use
 * @param copiesFromImages per external image, in order of first use
 * @param mountsFrom {@code RUN --mount from=} sources in order, de-duplicated
 * @param exports what later stages of this plan need from it
 * @param steps its instructions in canonical form (ONBUILD triggers of a base stage first)
 * @param contextSources the build-context sources its COPY/ADD instructions select
 * @param args the ARGs it declares, in order, with their values
 */
public record PlannedStage(
        int index,
        String name,
        StageBase base,
        String platform,
        Platform effectivePlatform,
        int line,
        List<Integer> dependsOn,
        List<StageCopy> copiesFrom,
        List<ImageCopy> copiesFromImages,
        List<MountSource> mountsFrom,
        StageExport exports,
        List<StageStep> steps,
        List<ContextSource> contextSources,
        List<ArgValue> args) {

    public PlannedStage {
        dependsOn = List.copyOf(dependsOn);
        copiesFrom = List.copyOf(copiesFrom);
        copiesFromImages = List.copyOf(copiesFromImages);
        mountsFrom = List.copyOf(mountsFrom);
        steps = List.copyOf(steps);
        contextSources = List.copyOf(contextSources);
        args = List.copyOf(args);
    }

    /** The name, or {@code stage-N} as BuildKit calls an unnamed stage in messages. */
    public String displayName() {
        return name != null ? name : "stage-" + index;
    }

    PlannedStage withExports(StageExport newExports) {
        return new PlannedStage(index, name, base, platform, effectivePlatform, line, dependsOn, copiesFrom,
                copiesFromImages, mountsFrom, newExports, steps, contextSources, args);
    }
}
