package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;
import java.util.List;

/** Expansion of key/value lists (ENV, LABEL, ARG): keys and present values. */
final class KeyValues {
    private KeyValues() {
    }

    static List<KeyValue> expand(List<KeyValue> pairs, WordExpander expander) {
        return pairs.stream()
                .map(kv -> new KeyValue(expander.word(kv.key()), kv.value() == null ? null : expander.word(kv.value())))
                .toList();
    }
}
