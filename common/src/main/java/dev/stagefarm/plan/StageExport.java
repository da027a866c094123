package dev.stagefarm.plan;

import java.util.List;

/**
 * What the stages built after a stage need from it, so that the agent running it exports exactly
 * that and nothing more.
 *
 * @param paths absolute paths (cleaned, wildcards kept) that later stages copy or mount from it
 * @param wholeImage true when a later stage starts {@code FROM} it: the whole image is needed
 */
public record StageExport(List<String> paths, boolean wholeImage) {
    public static final StageExport NOTHING = new StageExport(List.of(), false);

    public StageExport {
        paths = List.copyOf(paths);
    }

    public boolean isEmpty() {
        return paths.isEmpty() && !wholeImage;
    }
}
