package dev.stagefarm.plan;

import java.util.List;

/**
 * The files one stage copies from another stage ({@code COPY --from}), all COPYs merged, in
 * file order.
 *
 * @param stage the index of the source stage
 * @param paths the source arguments as written (JSON arrays decoded), as the contract reports them
 * @param expandedPaths the same sources expanded with the copying stage's ARG/ENV scope, which
 *     is what BuildKit actually copies
 */
public record StageCopy(int stage, List<String> paths, List<String> expandedPaths) {
    public StageCopy {
        paths = List.copyOf(paths);
        expandedPaths = List.copyOf(expandedPaths);
    }
}
