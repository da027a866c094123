package dev.stagefarm.dockerfile.syntax;

/**
 * Go's {@code strconv.Quote}, the quoting of every argument in BuildKit's AST dump.
 *
 * <p>Printable runes (Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation,
 * symbols and the ASCII space, approximated with Java's Unicode tables) are kept; the rest is
 * escaped. Chars standing for invalid input bytes (see {@link ByteText#toUnicode}) print as
 * {@code \xNN}. Stateless.
 */
public final class GoQuote {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoQuote() {
    }

    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            appendRune(out, cp);
        }
        return out.append('"').toString();
    }

    private static void appendRune(StringBuilder out, int r) {
        if (ByteText.isEscapedByte(r)) {
            hex(out.append("\\x"), ByteText.escapedByte(r), 2);
            return;
        }
        if (r == '"' || r == '\\') {
            out.append('\\').appendCodePoint(r);
            return;
        }
        if (isPrint(r)) {
            out.appendCodePoint(r);
            return;
        }
        switch (r) {
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0B -> out.append("\\v");
            default -> {
                if (r < ' ' || r == 0x7F) {
                    hex(out.append("\\x"), r, 2);
                } else if (Character.isSurrogate((char) r) && r < 0x10000) {
                    hex(out.append("\\u"), 0xFFFD, 4);
                } else if (r < 0x10000) {
                    hex(out.append("\\u"), r, 4);
                } else {
                    hex(out.append("\\U"), r, 8);
                }
            }
        }
    }

    private static void hex(StringBuilder out, int value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(value >> shift) & 0xF]);
        }
    }

    /** Go's {@code unicode.IsPrint}: categories L, M, N, P, S and U+0020. */
    static boolean isPrint(int r) {
        if (r == ' ') {
            return true;
        }
        switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                    Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }
}
