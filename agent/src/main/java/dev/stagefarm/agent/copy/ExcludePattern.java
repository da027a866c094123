package dev.stagefarm.agent.copy;

import java.util.regex.Pattern;

/**
 * {@code COPY --exclude} patterns, matched like {@code .dockerignore} lines against a path relative
 * to the copied source: {@code *} and {@code ?} stay inside a segment, {@code **} spans any number
 * of segments. A matching folder is skipped with everything below it.
 */
final class ExcludePattern {

    private ExcludePattern() {
    }

    static boolean matches(String pattern, String path) {
        return regex(CopySelection.clean(pattern)).matcher(path).matches();
    }

    private static Pattern regex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                i++;
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                    i++;
                    re.append("(?:.*/)?");
                } else {
                    re.append(".*");
                }
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '\\' && i + 1 < glob.length()) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
