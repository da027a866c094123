package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;

/** STOPSIGNAL: the signal as written. */
public record StopSignal(Source source, String signal) implements Instruction {
    @Override
    public StopSignal expand(WordExpander expander) {
        return new StopSignal(source, expander.word(signal));
    }
}
