package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;
import java.util.List;

/** ENV: the key/value pairs as written (values keep their quotes until expanded). */
public record Env(Source source, List<KeyValue> pairs) implements Instruction {
    public Env {
        pairs = List.copyOf(pairs);
    }

    /** Expands keys and values, as BuildKit does. */
    @Override
    public Env expand(WordExpander expander) {
        return new Env(source, KeyValues.expand(pairs, expander));
    }
}
