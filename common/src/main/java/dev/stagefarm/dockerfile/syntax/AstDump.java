package dev.stagefarm.dockerfile.syntax;

import java.util.List;

/**
 * Renders a raw syntax tree as BuildKit's {@code Node.Dump()} text plus a final newline: one
 * {@code (keyword ["--flag" ...] "arg" ...)} line per instruction, keyword lower-cased,
 * arguments quoted like Go's {@code strconv.Quote}, ONBUILD's instruction nested in
 * parentheses. This is what BuildKit's parser tests compare. Stateless.
 */
public final class AstDump {
    private AstDump() {
    }

    public static String render(RawDockerfile file) {
        StringBuilder out = new StringBuilder();
        for (RawInstruction instruction : file.instructions()) {
            out.append('(').append(instruction(instruction)).append(")\n");
        }
        return out.toString();
    }

    /** The dump of one instruction, without its surrounding parentheses. */
    public static String instruction(RawInstruction instruction) {
        StringBuilder s = new StringBuilder(Keywords.lower(instruction.keyword()));
        List<String> flags = instruction.flags();
        if (!flags.isEmpty()) {
            s.append(" [");
            for (int i = 0; i < flags.size(); i++) {
                s.append(i == 0 ? "" : " ").append(GoQuote.quote(flags.get(i)));
            }
            s.append(']');
        }
        if (instruction.onbuild() != null) {
            s.append(" (").append(instruction(instruction.onbuild())).append(')');
        }
        for (String arg : instruction.args()) {
            s.append(' ').append(GoQuote.quote(arg));
        }
        return goTrimSpace(s.toString());
    }

    private static String goTrimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && ByteText.isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && ByteText.isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }
}
