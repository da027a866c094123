package dev.stagefarm.archive;

/**
 * Lexical operations on slash-separated paths with Go's {@code path} package rules, which Docker
 * applies to ignore patterns and tar entry names: matching the same files requires the same
 * cleaning (collapse repeated slashes, drop {@code .}, resolve {@code ..} lexically, keep the
 * leading {@code ..} of relative paths, {@code ""} becomes {@code .}). Stateless.
 */
public final class SlashPath {
    private SlashPath() {
    }

    /** Go's {@code path.Clean}. */
    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        int n = path.length();
        StringBuilder out = new StringBuilder(n);
        int r = 0;
        int dotdot = 0;
        if (rooted) {
            out.append('/');
            r = 1;
            dotdot = 1;
        }
        while (r < n) {
            char c = path.charAt(r);
            if (c == '/') {
                r++;
            } else if (c == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
                r++;
            } else if (c == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
                r += 2;
                if (out.length() > dotdot) {
                    int w = out.length() - 1;
                    while (w > dotdot && out.charAt(w) != '/') {
                        w--;
                    }
                    out.setLength(w);
                } else if (!rooted) {
                    if (out.length() > 0) {
                        out.append('/');
                    }
                    out.append("..");
                    dotdot = out.length();
                }
            } else {
                if (rooted && out.length() != 1 || !rooted && out.length() != 0) {
                    out.append('/');
                }
                while (r < n && path.charAt(r) != '/') {
                    out.append(path.charAt(r));
                    r++;
                }
            }
        }
        return out.length() == 0 ? "." : out.toString();
    }

    /** Go's {@code path.Join("/", path)}: the cleaned absolute form, never above the root. */
    public static String absolute(String path) {
        return clean("/" + path);
    }

    /** Go's {@code path.Dir}: everything but the last element, cleaned. */
    public static String dir(String path) {
        int slash = path.lastIndexOf('/');
        return clean(path.substring(0, slash + 1));
    }

    /** True when a cleaned relative path leaves its root ({@code ..} or {@code ../...}). */
    public static boolean escapes(String cleaned) {
        return cleaned.equals("..") || cleaned.startsWith("../");
    }
}
