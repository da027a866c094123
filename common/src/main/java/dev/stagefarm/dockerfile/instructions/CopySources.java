package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;
import dev.stagefarm.dockerfile.syntax.Heredoc;
import java.util.List;

/**
 * The sources and destination of COPY or ADD: source paths as written, the heredocs used as
 * sources (inline files named after the heredoc; use {@link Heredoc#effectiveContent()} for the
 * file's bytes, {@link Heredoc#expand()} says whether variables are expanded in it), and the
 * destination.
 */
public record CopySources(List<String> paths, List<Heredoc> heredocs, String destination) {
    public CopySources {
        paths = List.copyOf(paths);
        heredocs = List.copyOf(heredocs);
    }

    /** Paths and destination expanded one word each (heredoc names and contents are not). */
    CopySources expand(WordExpander expander) {
        return new CopySources(paths.stream().map(expander::word).toList(), heredocs, expander.word(destination));
    }
}
