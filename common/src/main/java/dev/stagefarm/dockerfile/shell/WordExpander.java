package dev.stagefarm.dockerfile.shell;

import java.util.List;

/**
 * Variable expansion of Dockerfile words with BuildKit's shell-lexer semantics, bound to one
 * scope of variables (the ARG/ENV values visible at an instruction).
 *
 * <p>Typed instructions use this to expand the words BuildKit expands, without knowing where
 * the variables come from. Implementations are immutable and thread-safe.
 */
public interface WordExpander {

    /** Expands one word: quotes are removed, escapes applied, variables substituted. */
    String word(String word);

    /** Expands and splits a string into words on unquoted blanks (as for ADD/COPY sources). */
    List<String> words(String text);
}
