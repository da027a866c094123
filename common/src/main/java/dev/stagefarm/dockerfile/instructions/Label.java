package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;
import java.util.List;

/** LABEL: the key/value pairs as written. */
public record Label(Source source, List<KeyValue> pairs) implements Instruction {
    public Label {
        pairs = List.copyOf(pairs);
    }

    /** Expands keys and values, as BuildKit does. */
    @Override
    public Label expand(WordExpander expander) {
        return new Label(source, KeyValues.expand(pairs, expander));
    }
}
