package dev.stagefarm.dockerfile.shell;

/** Character classes with Go's {@code unicode} semantics, which BuildKit's lexer relies on. */
final class ShellChars {
    private ShellChars() {
    }

    /** Go's {@code unicode.IsSpace}: ASCII blanks, NEL, and the Unicode separators (NBSP too). */
    static boolean isSpace(int ch) {
        return switch (ch) {
            case '\t', '\n', 0x0b, '\f', '\r', ' ', 0x85, 0xa0 -> true;
            default -> ch > 0xff && Character.isSpaceChar(ch);
        };
    }

    static boolean isNameChar(int ch) {
        return Character.isLetter(ch) || Character.isDigit(ch) || ch == '_';
    }

    /** POSIX special parameters ({@code $@ $* $# $? $- $$ $! $0}). */
    static boolean isSpecialParam(int ch) {
        return switch (ch) {
            case '@', '*', '#', '?', '-', '$', '!', '0' -> true;
            default -> false;
        };
    }
}
