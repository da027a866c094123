package dev.stagefarm.agent.job;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.protocol.FailureCause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What a failed attempt reports: every exception of the pipeline comes here once. Catalogue
 * failures keep their code and subject; the build's own faults (a RUN exiting non-zero, a
 * Dockerfile error, a missing COPY source) are {@code BUILD}; everything the farm can get wrong
 * is {@code INFRASTRUCTURE}, so the coordinator runs the stage again.
 */
record FailureReport(FailureCause cause, FailureCode code, String subject, String message, int step,
        String instruction, List<String> logTail) {

    static FailureReport of(Throwable failure, int step, String instruction, List<String> tail) {
        StagefarmException e = catalogued(failure);
        FailureCause cause = causeOf(e.code());
        boolean aboutStep = e.code() == FailureCode.RUN_EXIT_NONZERO || e.code() == FailureCode.COPY_SOURCE_MISSING;
        return new FailureReport(cause, e.code(), e.subject(), firstLine(e.getMessage()),
                aboutStep ? step : -1, aboutStep ? instruction : null, aboutStep ? tail : List.of());
    }

    static FailureCause causeOf(FailureCode code) {
        return code.retriable() || code == FailureCode.INTERNAL || code == FailureCode.MALFORMED_MESSAGE
                ? FailureCause.INFRASTRUCTURE : FailureCause.BUILD;
    }

    private static StagefarmException catalogued(Throwable failure) {
        if (failure instanceof StagefarmException e) {
            return e;
        }
        if (failure instanceof IOException || failure instanceof UncheckedIOException) {
            return new StagefarmException(FailureCode.OBJECT_STORE, "agent work dir", 0,
                    "I/O failure: " + failure.getMessage(), failure);
        }
        return new StagefarmException(FailureCode.INTERNAL, failure.getClass().getSimpleName(), 0,
                "agent failure: " + failure, failure);
    }

    /** The executor puts the log tail after the first line; the event carries the tail separately. */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
