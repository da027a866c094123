package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;
import java.util.List;

/** ARG: one or more names, each with an optional default ({@link KeyValue#value()} null when none). */
public record Arg(Source source, List<KeyValue> args) implements Instruction {
    public Arg {
        args = List.copyOf(args);
    }

    @Override
    public Arg expand(WordExpander expander) {
        return new Arg(source, KeyValues.expand(args, expander));
    }
}
