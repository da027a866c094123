package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;
import java.util.List;

/**
 * COPY with its flags: {@code from} (stage name, index or image; never expanded; null when
 * absent), {@code chown}, {@code chmod} (null when absent), {@code link}, {@code parents} and the
 * {@code exclude} patterns.
 */
public record Copy(Source source, CopySources sources, String from, String chown, String chmod, boolean link,
        boolean parents, List<String> excludes) implements Instruction {

    public Copy {
        excludes = List.copyOf(excludes);
    }

    /** Expands sources, destination, chown, chmod and excludes (not {@code from}), as BuildKit does. */
    @Override
    public Copy expand(WordExpander expander) {
        return new Copy(source, sources.expand(expander), from, Words.maybe(chown, expander),
                Words.maybe(chmod, expander), link, parents, excludes.stream().map(expander::word).toList());
    }
}
