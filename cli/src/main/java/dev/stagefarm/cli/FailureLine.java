package dev.stagefarm.cli;

import dev.stagefarm.failure.StagefarmException;

/** The one-line form of a Dockerfile failure on stderr: {@code FILE:LINE: message}, or {@code FILE: message} without a line. */
final class FailureLine {
    private FailureLine() {
    }

    static String of(String file, StagefarmException e) {
        return e.line() > 0 ? file + ":" + e.line() + ": " + e.getMessage() : file + ": " + e.getMessage();
    }
}
