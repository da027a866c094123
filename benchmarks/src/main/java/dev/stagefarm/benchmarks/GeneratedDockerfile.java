package dev.stagefarm.benchmarks;

/**
 * A synthetic but realistic multi-stage Dockerfile of a chosen size: global ARGs used in FROM,
 * stages that inherit from earlier ones, COPY --from fan-in, RUN --mount from= edges, ARG/ENV
 * expansion in COPY sources, continuation lines and heredocs. Deterministic.
 */
public final class GeneratedDockerfile {
    private GeneratedDockerfile() {
    }

    /** About {@code lines} lines in {@code stages} stages (at least 4 lines per stage). */
    public static String of(int lines, int stages) {
        StringBuilder out = new StringBuilder(lines * 40);
        out.append("# syntax=docker/dockerfile:1\n");
        out.append("ARG GO_VERSION=1.22\n");
        out.append("ARG VARIANT=alpine\n");
        out.append("ARG BASE=golang:${GO_VERSION}-${VARIANT}\n");
        int written = 4;
        int perStage = Math.max(4, (lines - written) / stages);
        for (int i = 0; i < stages; i++) {
            int start = written;
            if (i > 0 && i % 5 == 0) {
                out.append("FROM s").append(i / 2).append(" AS s").append(i).append('\n');
            } else {
                out.append("FROM --platform=$BUILDPLATFORM ${BASE} AS s").append(i).append('\n');
            }
            written += 1;
            if (perStage >= 8) {
                out.append("ARG OUT=/out/s").append(i).append('\n');
                out.append("ENV APP=/opt/s").append(i).append(" MODE=release\n");
                out.append("WORKDIR $APP\n");
                out.append("COPY src/s").append(i).append("/ ${APP}/src/\n");
                written += 4;
            }
            if (i > 0) {
                // a binary tree of COPY --from and mounts: parallel waves, fan-in at the end
                out.append("COPY --from=s").append((i - 1) / 2).append(" /out/s").append((i - 1) / 2).append(" ./in/\n");
                out.append("RUN --mount=type=cache,target=/root/.cache --mount=from=s").append(i / 3)
                        .append(",source=/out,target=/deps go build -o ${OUT} ./...\n");
                written += 2;
            }
            while (written - start < perStage - 1) {
                if ((written - start) % 7 == 0 && written - start + 4 < perStage) {
                    out.append("COPY <<EOF ${APP}/config-").append(written).append(".yaml\n");
                    out.append("key: value-").append(written).append('\n');
                    out.append("EOF\n");
                    written += 3;
                } else if (written - start + 2 < perStage) {
                    out.append("RUN echo \"step ").append(written).append("\" && \\\n");
                    out.append("    test -n \"$MODE\"\n");
                    written += 2;
                } else {
                    out.append("LABEL step.").append(written).append("=\"").append(written).append("\"\n");
                    written += 1;
                }
            }
            out.append("RUN mkdir -p ${OUT}\n");
            written += 1;
        }
        out.append("FROM scratch\n");
        for (int i = Math.max(0, stages - 4); i < stages; i++) {
            out.append("COPY --from=s").append(i).append(" /out/s").append(i).append(" /bin/\n");
        }
        return out.toString();
    }
}
