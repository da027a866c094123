package dev.stagefarm.dockerfile.syntax;

import java.util.List;

/**
 * One instruction of the raw syntax tree, exactly as BuildKit's parser produces it: nothing is
 * variable-expanded and the arguments follow the per-keyword rules of the frontend contract
 * (for ENV and LABEL, flat triples of key, value, separator).
 *
 * @param keyword the first word as written (case kept)
 * @param flags the leading {@code --} words, quotes removed and escapes applied
 * @param args the node values
 * @param json true when the arguments came from a JSON array (exec form)
 * @param startLine 1-based first line, continuation lines included
 * @param endLine 1-based last line, heredoc bodies included
 * @param heredocs the heredocs of this instruction, in order
 * @param onbuild for ONBUILD, the nested instruction; otherwise null
 * @param original the joined logical line as written (for messages and cache keys)
 */
public record RawInstruction(
        String keyword,
        List<String> flags,
        List<String> args,
        boolean json,
        int startLine,
        int endLine,
        List<Heredoc> heredocs,
        RawInstruction onbuild,
        String original) {

    public RawInstruction {
        flags = List.copyOf(flags);
        args = List.copyOf(args);
        heredocs = List.copyOf(heredocs);
    }
}
