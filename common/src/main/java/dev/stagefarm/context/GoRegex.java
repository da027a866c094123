package dev.stagefarm.context;

/**
 * Rewrites the regular expression moby builds from a pattern (Go RE2 syntax) into the Java
 * expression that matches the same strings. Only bracket classes differ in what this code can
 * produce: inside a class Go takes {@code [} and {@code &} literally, Java reads them as a nested
 * class and an intersection, so both are escaped there.
 */
final class GoRegex {
    private GoRegex() {
    }

    static String toJava(String go) {
        StringBuilder out = new StringBuilder(go.length() + 8);
        boolean inClass = false;
        int n = go.length();
        for (int i = 0; i < n; i++) {
            char c = go.charAt(i);
            if (c == '\\' && i + 1 < n) {
                out.append(c).append(go.charAt(++i));
            } else if (!inClass && c == '[') {
                inClass = true;
                out.append(c);
                if (i + 1 < n && go.charAt(i + 1) == '^') {
                    out.append('^');
                    i++;
                }
                if (i + 1 < n && go.charAt(i + 1) == ']') {
                    out.append("\\]"); // a leading ']' is a literal in Go
                    i++;
                }
            } else if (inClass && c == ']') {
                inClass = false;
                out.append(c);
            } else if (inClass && (c == '[' || c == '&')) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
