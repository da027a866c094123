package dev.stagefarm.plan.cache;

import dev.stagefarm.archive.SlashPath;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A COPY/ADD source as Docker matches it against the build context: relative to the context
 * root (a leading {@code /} or {@code ./} means the root), cleaned, each path segment a
 * {@code filepath.Match} pattern ({@code *}, {@code ?}, {@code [a-z]}, {@code [^a]},
 * {@code \} escapes). A file is selected when its first segments match all the pattern's
 * segments: the file itself, or anything under a matched directory ({@code .} selects all).
 * Immutable.
 */
final class ContextPattern {
    private final List<Pattern> segments;
    private final boolean wildcard;

    private ContextPattern(List<Pattern> segments, boolean wildcard) {
        this.segments = segments;
        this.wildcard = wildcard;
    }

    static ContextPattern of(String source) {
        String relative = relative(source);
        List<Pattern> segments = new ArrayList<>();
        boolean wildcard = false;
        if (!relative.isEmpty()) {
            for (String segment : relative.split("/")) {
                wildcard |= segment.matches(".*[*?\\[\\\\].*");
                segments.add(Pattern.compile(segmentRegex(segment)));
            }
        }
        return new ContextPattern(List.copyOf(segments), wildcard);
    }

    /** The cleaned path relative to the context root ("" for the root itself). */
    static String relative(String path) {
        return SlashPath.absolute(path).substring(1);
    }

    boolean wildcard() {
        return wildcard;
    }

    boolean selects(String file) {
        String[] parts = file.split("/");
        if (parts.length < segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!segments.get(i).matcher(parts[i]).matches()) {
                return false;
            }
        }
        return true;
    }

    private static String segmentRegex(String segment) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            switch (c) {
                case '*' -> out.append("[^/]*");
                case '?' -> out.append("[^/]");
                case '\\' -> {
                    if (i + 1 < segment.length()) {
                        out.append(Pattern.quote(String.valueOf(segment.charAt(++i))));
                    }
                }
                case '[' -> {
                    int end = segment.indexOf(']', i + 2);
                    if (end < 0) {
                        out.append("\\[");
                    } else {
                        String body = segment.substring(i + 1, end);
                        if (body.startsWith("^")) {
                            body = "^" + body.substring(1).replace("[", "\\[");
                        } else {
                            body = body.replace("[", "\\[").replace("^", "\\^");
                        }
                        out.append('[').append(body).append(']');
                        i = end;
                    }
                }
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }
}
