package dev.stagefarm.agent.copy;

import java.util.regex.Pattern;

/**
 * One path segment pattern with Go's {@code filepath.Match} syntax, which COPY/ADD sources use:
 * {@code *} (any run of characters), {@code ?} (one character), {@code [a-z]} and
 * {@code [^a-z]} classes and {@code \} escapes; none of them matches {@code /}.
 */
public final class GlobPattern {

    private final Pattern regex;

    private GlobPattern(Pattern regex) {
        this.regex = regex;
    }

    /** True when {@code text} holds pattern characters (so a COPY source is a wildcard). */
    public static boolean isPattern(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    public static GlobPattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        re.append("\\[");
                        break;
                    }
                    String body = glob.substring(i + 1, end);
                    boolean negate = body.startsWith("^") || body.startsWith("!");
                    if (negate) {
                        body = body.substring(1);
                    }
                    re.append('[').append(negate ? "^/" : "").append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                    i = end;
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new GlobPattern(Pattern.compile(re.toString()));
    }

    public boolean matches(String segment) {
        return regex.matcher(segment).matches();
    }
}
