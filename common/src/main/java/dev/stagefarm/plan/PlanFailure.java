package dev.stagefarm.plan;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;

/** Builds catalogue failures about a Dockerfile line: subject {@code FILE:LINE}. */
final class PlanFailure {
    private PlanFailure() {
    }

    static StagefarmException at(FailureCode code, String file, int line, String message) {
        return new StagefarmException(code, line > 0 ? file + ":" + line : file, line, message);
    }

    /** Re-anchors a failure raised without a line (the shell lexer's) on {@code line}. */
    static StagefarmException relocate(StagefarmException e, String file, int line) {
        if (e.line() > 0) {
            return e;
        }
        return new StagefarmException(e.code(), file + ":" + line, line, e.getMessage(), e);
    }
}
