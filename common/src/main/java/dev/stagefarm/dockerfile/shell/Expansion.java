package dev.stagefarm.dockerfile.shell;

import java.util.List;
import java.util.Set;

/**
 * The result of expanding one word, as BuildKit's {@code ProcessWordWithMatches} reports it.
 *
 * @param result the expanded word: quotes removed, escapes applied, variables substituted
 * @param words the same text split into words on blanks that were neither quoted nor escaped
 *     (blanks coming from a variable's value split too, as in a shell)
 * @param matched the names that were looked up and set
 * @param unmatched the names that were looked up and unset
 */
public record Expansion(String result, List<String> words, Set<String> matched, Set<String> unmatched) {

    public Expansion {
        words = List.copyOf(words);
        matched = Set.copyOf(matched);
        unmatched = Set.copyOf(unmatched);
    }
}
