package dev.stagefarm.context;

/**
 * The syntax check Go's {@code filepath.Match} applies to a whole pattern (moby calls it to reject
 * malformed ignore patterns): escapes must be followed by a character, and bracket classes must be
 * closed, non-empty, and made of valid characters and ranges.
 */
final class GlobSyntax {
    private GlobSyntax() {
    }

    static boolean isValid(String p) {
        int n = p.length();
        int i = 0;
        while (i < n) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    return false;
                }
                i += 2;
            } else if (c == '[') {
                i = classEnd(p, i + 1);
                if (i < 0) {
                    return false;
                }
            } else {
                i++;
            }
        }
        return true;
    }

    /** Index after the class that starts at {@code i} (just past '['), or -1 when malformed. */
    private static int classEnd(String p, int i) {
        int n = p.length();
        if (i < n && p.charAt(i) == '^') {
            i++;
        }
        int ranges = 0;
        while (true) {
            if (i < n && p.charAt(i) == ']' && ranges > 0) {
                return i + 1;
            }
            i = escapedChar(p, i);
            if (i < 0) {
                return -1;
            }
            if (p.charAt(i) == '-') {
                i = escapedChar(p, i + 1);
                if (i < 0) {
                    return -1;
                }
            }
            ranges++;
        }
    }

    /** Go's {@code getEsc}: one (possibly escaped) class character; -1 when invalid or at the end. */
    private static int escapedChar(String p, int i) {
        int n = p.length();
        if (i >= n || p.charAt(i) == '-' || p.charAt(i) == ']') {
            return -1;
        }
        if (p.charAt(i) == '\\') {
            i++;
            if (i >= n) {
                return -1;
            }
        }
        i += Character.charCount(p.codePointAt(i));
        return i >= n ? -1 : i;
    }
}
