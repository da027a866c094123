package dev.stagefarm.context;

import dev.stagefarm.archive.SlashPath;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One {@code .dockerignore} pattern compiled the way moby's {@code patternmatcher.Pattern} does:
 * an exact, prefix ({@code foo/**}), suffix ({@code **}{@code /foo}) or regular-expression match
 * over a slash-separated path relative to the context root. Immutable and thread-safe.
 *
 * @param text the cleaned pattern without its {@code !}
 * @param exclusion true for a {@code !} exception (re-includes what earlier patterns excluded)
 */
record IgnorePattern(String text, boolean exclusion, Kind kind, Pattern regex) {
    enum Kind { EXACT, PREFIX, SUFFIX, REGEX }

    /** Compiles one pattern as moby's {@code New} does (trim, clean, {@code !}, syntax check). */
    static IgnorePattern compile(String raw, String subject) {
        String p = SlashPath.clean(DockerIgnore.goTrimSpace(raw));
        boolean exclusion = false;
        if (p.charAt(0) == '!') {
            if (p.length() == 1) {
                throw new StagefarmException(FailureCode.CONTEXT_INVALID, subject, 0,
                        "illegal exclusion pattern: \"!\"");
            }
            exclusion = true;
            p = p.substring(1);
        }
        if (!GlobSyntax.isValid(p)) {
            throw new StagefarmException(FailureCode.CONTEXT_INVALID, subject, 0,
                    "syntax error in pattern \"" + p + "\"");
        }
        return translate(p, exclusion, subject);
    }

    /** moby's {@code Pattern.compile}: the same regular expression text, then made valid for Java. */
    private static IgnorePattern translate(String p, boolean exclusion, String subject) {
        StringBuilder re = new StringBuilder("^");
        Kind kind = Kind.EXACT;
        int n = p.length();
        int i = 0;
        for (int index = 0; i < n; index++) {
            char ch = p.charAt(i++);
            if (ch == '*') {
                if (i < n && p.charAt(i) == '*') {
                    i++;
                    if (i < n && p.charAt(i) == '/') {
                        i++; // treat "**/" as "**"
                    }
                    if (i == n) {
                        if (kind == Kind.EXACT) {
                            kind = Kind.PREFIX;
                        } else {
                            re.append(".*");
                            kind = Kind.REGEX;
                        }
                    } else {
                        re.append("(.*/)?");
                        kind = Kind.REGEX;
                    }
                    if (index == 0) {
                        kind = Kind.SUFFIX;
                    }
                } else {
                    re.append("[^/]*");
                    kind = Kind.REGEX;
                }
            } else if (ch == '?') {
                re.append("[^/]");
                kind = Kind.REGEX;
            } else if (".+()|{}$".indexOf(ch) >= 0) {
                re.append('\\').append(ch);
            } else if (ch == '\\') {
                if (i < n) {
                    re.append('\\').append(p.charAt(i++));
                    kind = Kind.REGEX;
                } else {
                    re.append("\\\\");
                }
            } else if (ch == '[' || ch == ']') {
                re.append(ch);
                kind = Kind.REGEX;
            } else {
                re.append(ch);
            }
        }
        Pattern regex = null;
        if (kind == Kind.REGEX) {
            // Go's "$" is Java's "\z"; UNIX_LINES makes "." stop at '\n' only, as in Go.
            re.append("\\z");
            try {
                regex = Pattern.compile(GoRegex.toJava(re.toString()), Pattern.UNIX_LINES);
            } catch (PatternSyntaxException e) {
                throw new StagefarmException(FailureCode.CONTEXT_INVALID, subject, 0,
                        "syntax error in pattern \"" + p + "\": " + e.getDescription(), e);
            }
        }
        return new IgnorePattern(p, exclusion, kind, regex);
    }

    /** moby's {@code Pattern.match}: does this pattern match the path itself (not its parents)? */
    boolean matches(String path) {
        return switch (kind) {
            case EXACT -> path.equals(text);
            case PREFIX -> path.startsWith(text.substring(0, text.length() - 2));
            case SUFFIX -> {
                String suffix = text.substring(2);
                yield path.endsWith(suffix)
                        || !suffix.isEmpty() && suffix.charAt(0) == '/' && path.equals(suffix.substring(1));
            }
            case REGEX -> regex.matcher(path).find();
        };
    }
}
