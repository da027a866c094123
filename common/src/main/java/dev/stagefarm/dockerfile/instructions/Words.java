package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;

/** Expansion of optional words. */
final class Words {
    private Words() {
    }

    static String maybe(String word, WordExpander expander) {
        return word == null ? null : expander.word(word);
    }
}
