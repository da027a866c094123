package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;
import java.util.List;

/**
 * ADD with its flags: {@code chown}, {@code chmod}, {@code checksum} (null when absent),
 * {@code link}, {@code keepGitDir}, {@code unpack} (null when not given) and {@code exclude}
 * patterns.
 */
public record Add(Source source, CopySources sources, String chown, String chmod, String checksum, boolean link,
        boolean keepGitDir, Boolean unpack, List<String> excludes) implements Instruction {

    public Add {
        excludes = List.copyOf(excludes);
    }

    /** Expands sources, destination, chown, chmod, checksum and excludes, as BuildKit does. */
    @Override
    public Add expand(WordExpander expander) {
        return new Add(source, sources.expand(expander), Words.maybe(chown, expander), Words.maybe(chmod, expander),
                Words.maybe(checksum, expander), link, keepGitDir, unpack,
                excludes.stream().map(expander::word).toList());
    }
}
