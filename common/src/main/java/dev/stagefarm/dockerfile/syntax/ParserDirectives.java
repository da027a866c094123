package dev.stagefarm.dockerfile.syntax;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parser-directive state of one parse: the leading block of {@code # key=value} lines
 * ({@code syntax}, {@code escape}, {@code check}) and the escape character they set.
 *
 * <p>Follows BuildKit's directive parser: the first line that is not such a directive (an empty
 * line, another comment, an instruction, an unknown key) ends the block for good; a repeated
 * key and an escape other than backslash or backtick are errors. Not thread-safe.
 */
final class ParserDirectives {
    private static final Set<String> KEYS = Set.of("syntax", "escape", "check");
    // Go's \s is [\t\n\f\r ] and '.' is anything but \n; the text here never holds a \n.
    private static final Pattern DIRECTIVE =
            Pattern.compile("^([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*([^\\n]+?)[\\t\\n\\f\\r ]*\\z");

    private final Map<String, String> values = new LinkedHashMap<>();
    private boolean done;
    private char escape = '\\';

    /** The escape (and line continuation) character in effect. */
    char escape() {
        return escape;
    }

    /** Directive values by lower-case key, as byte text. */
    Map<String, String> values() {
        return values;
    }

    /**
     * Looks at one line (newline removed) for a directive.
     *
     * @throws IllegalArgumentException with BuildKit's message for a repeated directive or an
     *     invalid escape character
     */
    void inspect(String line) {
        if (done) {
            return;
        }
        if (!line.startsWith("#")) {
            done = true;
            return;
        }
        Matcher m = DIRECTIVE.matcher(ByteText.trimLeftSpace(line.substring(1)));
        if (!m.matches()) {
            done = true;
            return;
        }
        String key = m.group(1).toLowerCase(java.util.Locale.ROOT);
        if (!KEYS.contains(key)) {
            done = true;
            return;
        }
        if (values.containsKey(key)) {
            throw new IllegalArgumentException("only one " + key + " parser directive can be used");
        }
        String value = m.group(2);
        values.put(key, value);
        if (key.equals("escape")) {
            if (!value.equals("`") && !value.equals("\\")) {
                throw new IllegalArgumentException(
                        "invalid escape token '" + ByteText.toUnicode(value) + "' does not match ` or \\");
            }
            escape = value.charAt(0);
        }
    }
}
