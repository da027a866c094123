package dev.stagefarm.dockerfile.syntax;

import java.util.Locale;
import java.util.Set;

/**
 * Keyword helpers shared by the parser and the renderers. Stateless.
 */
final class Keywords {
    /** Instructions that may open heredocs (also when nested in ONBUILD). */
    static final Set<String> HEREDOC_CAPABLE = Set.of("run", "copy", "add");

    private Keywords() {
    }

    /**
     * Go's {@code strings.ToLower}: simple per-rune lower-casing; an invalid byte becomes U+FFFD.
     */
    static String lower(String unicode) {
        if (ByteText.isAscii(unicode)) {
            // ASCII lower-casing is the same in Go and Java, and returns the string itself when unchanged
            return unicode.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(unicode.length());
        unicode.codePoints().forEach(cp -> out.appendCodePoint(
                ByteText.isEscapedByte(cp) ? ByteText.RUNE_ERROR : Character.toLowerCase(cp)));
        return out.toString();
    }
}
