package dev.stagefarm.agent.exec;

/** Receives the output of a RUN line by line, as it happens. Called from one thread per RUN. */
@FunctionalInterface
public interface LogListener {

    /** Which stream of the process a line came from. */
    enum Stream {
        STDOUT, STDERR
    }

    void line(Stream stream, String text);

    /** Discards every line. */
    LogListener NONE = (stream, text) -> {
    };
}
