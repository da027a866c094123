package dev.stagefarm.dockerfile.shell;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The shell patterns of {@code ${V#p}}, {@code ${V%p}} and {@code ${V/p/r}}: {@code *} any
 * string, {@code ?} one character, {@code \} escapes {@code * ? \} (and, inside {@code ${}},
 * {@code '}'} and {@code /}, where the escape is not part of the pattern). No bracket
 * expressions, as in BuildKit. Matching follows Go's leftmost-first regular expressions.
 */
final class ShellPattern {
    private ShellPattern() {
    }

    /** Translates a shell pattern to a regular expression; {@code greedy} picks longest matches. */
    static Pattern toRegex(String pattern, boolean greedy, boolean anchored) {
        int[] cps = pattern.codePoints().toArray();
        StringBuilder out = new StringBuilder(cps.length + 4);
        if (anchored) {
            out.append('^');
        }
        String star = greedy ? ".*" : ".*?";
        for (int i = 0; i < cps.length; i++) {
            int tok = cps[i];
            if (tok == '*') {
                out.append(star);
            } else if (tok == '?') {
                out.append('.');
            } else if (tok == '\\') {
                int following = i + 1 < cps.length ? cps[i + 1] : -1;
                if (following == '}' || following == '/') {
                    continue;
                }
                if (following != '*' && following != '?' && following != '\\') {
                    throw new ShellSyntaxError("invalid pattern (" + pattern + ") in substitution: invalid escape '\\"
                            + (following == -1 ? "" : new String(Character.toChars(following))) + "'");
                }
                out.append('\\').appendCodePoint(following);
                i++;
            } else {
                appendLiteral(out, tok);
            }
        }
        try {
            return Pattern.compile(out.toString());
        } catch (PatternSyntaxException e) {
            throw new ShellSyntaxError("invalid pattern (" + pattern + ") in substitution: " + e.getDescription());
        }
    }

    private static void appendLiteral(StringBuilder out, int cp) {
        if (cp < 0x80 && !Character.isLetterOrDigit(cp) && cp != ' ') {
            out.append('\\');
        }
        out.appendCodePoint(cp);
    }

    static String trimPrefix(String pattern, String value, boolean greedy) {
        Matcher m = toRegex(pattern, greedy, true).matcher(value);
        return m.find() ? value.substring(m.end()) : value;
    }

    /**
     * Regular expressions cannot find the shortest rightmost match, so pattern and value are
     * reversed (keeping escape pairs in order) and the suffix becomes a prefix.
     */
    static String trimSuffix(String pattern, String value, boolean greedy) {
        String trimmed = trimPrefix(reversePattern(pattern), reverse(value), greedy);
        return reverse(trimmed);
    }

    static String reversePattern(String pattern) {
        int[] in = pattern.codePoints().toArray();
        int[] out = new int[in.length];
        int last = in.length - 1;
        for (int i = 0; i <= last; ) {
            int outIdx = last - i;
            if (in[i] == '\\' && i != last) {
                out[outIdx - 1] = in[i];
                out[outIdx] = in[i + 1];
                i += 2;
            } else {
                out[outIdx] = in[i];
                i++;
            }
        }
        return new String(out, 0, out.length);
    }

    static String reverse(String s) {
        int[] cps = s.codePoints().toArray();
        for (int i = 0, j = cps.length - 1; i < j; i++, j--) {
            int t = cps[i];
            cps[i] = cps[j];
            cps[j] = t;
        }
        return new String(cps, 0, cps.length);
    }

    /**
     * {@code ${V/p/r}}: the first match is replaced by {@code r} verbatim. {@code ${V//p/r}}: every
     * match, with Go's {@code ReplaceAllString} rules (an empty match right after a match is
     * skipped; {@code $$} and {@code $0} in {@code r} are template references).
     */
    static String replace(String value, String pattern, String replacement, boolean all) {
        Matcher m = toRegex(pattern, true, false).matcher(value);
        if (!all) {
            return m.find() ? value.substring(0, m.start()) + replacement + value.substring(m.end()) : value;
        }
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int previousEnd = -1;
        int from = 0;
        while (from <= value.length() && m.find(from)) {
            boolean empty = m.start() == m.end();
            if (!(empty && m.start() == previousEnd)) {
                out.append(value, copied, m.start()).append(GoTemplate.expand(replacement, m.group()));
                copied = m.end();
                previousEnd = m.end();
            }
            if (!empty) {
                from = m.end();
            } else if (m.end() < value.length()) {
                from = m.end() + Character.charCount(value.codePointAt(m.end()));
            } else {
                break;
            }
        }
        return out.append(value, copied, value.length()).toString();
    }
}
