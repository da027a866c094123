package dev.stagefarm.plan;

import java.util.List;

/**
 * A stage's use of another stage or an image by a COPY --from or a RUN --mount from=.
 *
 * @param position the command's position in the stage (ONBUILD triggers first)
 * @param line the command's line
 * @param mount true for RUN --mount, false for COPY --from
 * @param written the {@code from} value as written
 * @param stage the referenced stage's index, or -1 for an image
 * @param rawPaths COPY sources as written; for a mount, its {@code source}
 * @param mountTarget for a mount, its target (for messages)
 */
record Reference(int position, int line, boolean mount, String written, int stage, List<String> rawPaths,
        String mountTarget) {
    Reference {
        rawPaths = List.copyOf(rawPaths);
    }

    boolean toStage() {
        return stage >= 0;
    }
}
