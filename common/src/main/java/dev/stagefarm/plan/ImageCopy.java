package dev.stagefarm.plan;

import java.util.List;

/**
 * The files a stage copies from an external image ({@code COPY --from=<image>}).
 *
 * @param image the image reference as written
 * @param paths the source arguments as written
 * @param expandedPaths the sources expanded with the stage's ARG/ENV scope
 */
public record ImageCopy(String image, List<String> paths, List<String> expandedPaths) {
    public ImageCopy {
        paths = List.copyOf(paths);
        expandedPaths = List.copyOf(expandedPaths);
    }
}
