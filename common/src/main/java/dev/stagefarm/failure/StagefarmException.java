package dev.stagefarm.failure;

import java.util.Objects;

/**
 * A failure from the catalogue: a stable {@link FailureCode}, the subject it is about
 * (for example {@code Dockerfile:12}, {@code stage builder} or an object key) and a message
 * written for the user. {@code line} is the 1-based Dockerfile line, or 0 when none applies.
 *
 * <p>Immutable and thread-safe.
 */
public class StagefarmException extends RuntimeException {
    private final FailureCode code;
    private final String subject;
    private final int line;

    public StagefarmException(FailureCode code, String subject, int line, String message) {
        this(code, subject, line, message, null);
    }

    public StagefarmException(FailureCode code, String subject, int line, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.subject = subject == null ? "" : subject;
        this.line = line;
    }

    public FailureCode code() {
        return code;
    }

    public String subject() {
        return subject;
    }

    /** 1-based line in the Dockerfile, or 0 when the failure is not about one line. */
    public int line() {
        return line;
    }
}
