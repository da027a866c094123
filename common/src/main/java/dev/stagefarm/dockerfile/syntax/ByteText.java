package dev.stagefarm.dockerfile.syntax;

import java.nio.charset.StandardCharsets;

/**
 * Helpers for "byte text": a {@link String} whose chars are the bytes of the Dockerfile
 * (ISO-8859-1 view, one char per byte).
 *
 * <p>BuildKit's parser is written in Go and works on bytes in most places and on UTF-8 runes in
 * a few. Keeping the raw bytes lets this parser reproduce both exactly, including what happens
 * to invalid UTF-8 and to non-ASCII bytes in flags. Values are turned into real Unicode strings
 * only at the end, with {@link #toUnicode(String)}. Stateless and thread-safe.
 */
final class ByteText {
    /** Go's utf8.RuneError. */
    static final int RUNE_ERROR = 0xFFFD;
    /** Invalid bytes are kept as lone low surrogates U+DC80..U+DCFF so they survive as bytes. */
    private static final int ESCAPED_BYTE_BASE = 0xDC00;

    private ByteText() {
    }

    /** Byte text of the UTF-8 encoding of {@code unicode}. */
    static String fromUnicode(String unicode) {
        return new String(unicode.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes one rune like Go's {@code utf8.DecodeRuneInString}: returns {@code rune << 8 | width};
     * invalid encodings give {@link #RUNE_ERROR} with width 1.
     */
    static int decode(String s, int pos) {
        int b0 = s.charAt(pos);
        if (b0 < 0x80) {
            return b0 << 8 | 1;
        }
        int need;
        int min;
        int cp;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
            min = 0x80;
            cp = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            min = 0x800;
            cp = b0 & 0x0F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            min = 0x10000;
            cp = b0 & 0x07;
        } else {
            return RUNE_ERROR << 8 | 1;
        }
        if (pos + need >= s.length()) {
            return RUNE_ERROR << 8 | 1;
        }
        for (int i = 1; i <= need; i++) {
            int b = s.charAt(pos + i);
            if ((b & 0xC0) != 0x80) {
                return RUNE_ERROR << 8 | 1;
            }
            cp = cp << 6 | (b & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return RUNE_ERROR << 8 | 1;
        }
        return cp << 8 | need + 1;
    }

    static int rune(int decoded) {
        return decoded >>> 8;
    }

    static int width(int decoded) {
        return decoded & 0xFF;
    }

    /** Go's {@code unicode.IsSpace}. */
    static boolean isSpace(int rune) {
        if (rune < 0x80) {
            return rune == ' ' || rune >= '\t' && rune <= '\r';
        }
        switch (rune) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                return true;
            default:
                return rune >= 0x2000 && rune <= 0x200A;
        }
    }

    /** Go's {@code unicode.IsSpace(rune(b))} applied to a single byte, as BuildKit does in places. */
    static boolean isSpaceByte(char b) {
        return isSpace(b);
    }

    /** Appends the UTF-8 bytes of {@code rune} as byte text. */
    static void appendRune(StringBuilder out, int rune) {
        if (rune < 0x80) {
            out.append((char) rune);
        } else if (rune < 0x800) {
            out.append((char) (0xC0 | rune >> 6)).append((char) (0x80 | rune & 0x3F));
        } else if (rune < 0x10000) {
            out.append((char) (0xE0 | rune >> 12)).append((char) (0x80 | rune >> 6 & 0x3F))
                    .append((char) (0x80 | rune & 0x3F));
        } else {
            out.append((char) (0xF0 | rune >> 18)).append((char) (0x80 | rune >> 12 & 0x3F))
                    .append((char) (0x80 | rune >> 6 & 0x3F)).append((char) (0x80 | rune & 0x3F));
        }
    }

    /** Go's {@code strings.TrimLeftFunc(s, unicode.IsSpace)} on byte text. */
    static String trimLeftSpace(String s) {
        int pos = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c < 0x80) {
                // ASCII: one byte, one rune; no decoding needed
                if (!isSpace(c)) {
                    break;
                }
                pos++;
                continue;
            }
            int d = decode(s, pos);
            if (!isSpace(rune(d))) {
                break;
            }
            pos += width(d);
        }
        return s.substring(pos);
    }

    /** Go's {@code strings.TrimSpace} on byte text. */
    static String trimSpace(String s) {
        String left = trimLeftSpace(s);
        int end = 0;
        int pos = 0;
        while (pos < left.length()) {
            char c = left.charAt(pos);
            if (c < 0x80) {
                pos++;
                if (!isSpace(c)) {
                    end = pos;
                }
                continue;
            }
            int d = decode(left, pos);
            pos += width(d);
            if (!isSpace(rune(d))) {
                end = pos;
            }
        }
        return end == left.length() ? left : left.substring(0, end);
    }

    /**
     * The Unicode string for byte text: valid UTF-8 is decoded, every invalid byte becomes a lone
     * surrogate U+DC80..U+DCFF so renderers can still print it as the byte it was.
     */
    static String toUnicode(String bytes) {
        if (isAscii(bytes)) {
            return bytes;
        }
        StringBuilder out = new StringBuilder(bytes.length());
        int pos = 0;
        while (pos < bytes.length()) {
            int d = decode(bytes, pos);
            int w = width(d);
            if (rune(d) == RUNE_ERROR && w == 1) {
                out.append((char) (ESCAPED_BYTE_BASE + bytes.charAt(pos)));
            } else {
                out.appendCodePoint(rune(d));
            }
            pos += w;
        }
        return out.toString();
    }

    /** Like {@link #toUnicode} but invalid bytes become U+FFFD (what Go does when it decodes runes). */
    static String toUnicodeReplacing(String bytes) {
        if (isAscii(bytes)) {
            return bytes;
        }
        StringBuilder out = new StringBuilder(bytes.length());
        int pos = 0;
        while (pos < bytes.length()) {
            int d = decode(bytes, pos);
            out.appendCodePoint(rune(d));
            pos += width(d);
        }
        return out.toString();
    }

    /** True when every char is below 0x80: byte text and Unicode text are then the same string. */
    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** True for a char that stands for an invalid input byte (see {@link #toUnicode}). */
    static boolean isEscapedByte(int ch) {
        return ch >= ESCAPED_BYTE_BASE + 0x80 && ch <= ESCAPED_BYTE_BASE + 0xFF;
    }

    /** The byte an escaped-byte char stands for. */
    static int escapedByte(int ch) {
        return ch - ESCAPED_BYTE_BASE;
    }
}
