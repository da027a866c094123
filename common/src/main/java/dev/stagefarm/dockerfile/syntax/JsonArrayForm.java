package dev.stagefarm.dockerfile.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON (exec) form of an instruction the way BuildKit does with Go's
 * {@code encoding/json}: the whole text must be one valid JSON array (trailing JSON whitespace
 * allowed); invalid UTF-8 inside strings becomes U+FFFD.
 *
 * <p>The outcome is one of: the array's strings; "not JSON" (the caller silently falls back to
 * the shell form); or "not only strings" (a parse error in BuildKit). Stateless.
 */
final class JsonArrayForm {
    /** Go's encoding/json nesting limit. */
    private static final int MAX_DEPTH = 10000;

    private JsonArrayForm() {
    }

    /** The outcome of reading a possible JSON array. */
    sealed interface Outcome permits Strings, NotJson, NotOnlyStrings {
    }

    /** A valid array of strings. */
    record Strings(List<String> values) implements Outcome {
    }

    /** Not a JSON array: use the shell form. */
    record NotJson() implements Outcome {
    }

    /** A valid JSON array holding something other than strings. */
    record NotOnlyStrings() implements Outcome {
    }

    static Outcome read(String byteText) {
        String rest = ByteText.trimLeftSpace(byteText);
        if (!rest.startsWith("[")) {
            return new NotJson();
        }
        Reader r = new Reader(rest);
        try {
            r.skipBlanks();
            List<Object> elements = r.array(0);
            r.skipBlanks();
            if (r.pos != rest.length()) {
                return new NotJson();
            }
            if (r.numberOutOfRange) {
                // Go reports an unmarshal error (not the string-array error): shell form
                return new NotJson();
            }
            List<String> strings = new ArrayList<>(elements.size());
            for (Object e : elements) {
                if (!(e instanceof String s)) {
                    return new NotOnlyStrings();
                }
                strings.add(s);
            }
            return new Strings(strings);
        } catch (Invalid e) {
            return new NotJson();
        }
    }

    private static final class Invalid extends Exception {
        Invalid() {
            super(null, null, false, false);
        }
    }

    /** Marks an element that is not a string. */
    private static final Object OTHER = new Object();

    private static final class Reader {
        private final String s;
        private int pos;
        private boolean numberOutOfRange;

        Reader(String s) {
            this.s = s;
        }

        void skipBlanks() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private char peek() throws Invalid {
            if (pos >= s.length()) {
                throw new Invalid();
            }
            return s.charAt(pos);
        }

        /** The top-level array: its elements, strings as strings and anything else as OTHER. */
        List<Object> array(int depth) throws Invalid {
            pos++; // [
            List<Object> out = new ArrayList<>();
            skipBlanks();
            if (peek() == ']') {
                pos++;
                return out;
            }
            while (true) {
                skipBlanks();
                out.add(value(depth + 1));
                skipBlanks();
                char c = peek();
                pos++;
                if (c == ']') {
                    return out;
                }
                if (c != ',') {
                    throw new Invalid();
                }
            }
        }

        private Object value(int depth) throws Invalid {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '[' || c == '{') {
                container(depth);
                return OTHER;
            }
            scalar();
            return OTHER;
        }

        private void scalar() throws Invalid {
            char c = peek();
            switch (c) {
                case '"' -> string();
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        number();
                    } else {
                        throw new Invalid();
                    }
                }
            }
        }

        /**
         * Checks a nested array or object without recursion (nesting is bounded only by the line
         * length otherwise): {@code open} holds the closing bracket of every open container.
         */
        private void container(int depth) throws Invalid {
            StringBuilder open = new StringBuilder();
            boolean expectValue = true;
            while (true) {
                skipBlanks();
                char c = peek();
                if (expectValue) {
                    if (c == '[' || c == '{') {
                        if (depth + open.length() >= MAX_DEPTH) {
                            throw new Invalid();
                        }
                        pos++;
                        open.append(c == '[' ? ']' : '}');
                        skipBlanks();
                        if (peek() == open.charAt(open.length() - 1)) {
                            pos++;
                            open.setLength(open.length() - 1);
                            expectValue = false;
                            if (open.length() == 0) {
                                return;
                            }
                            continue;
                        }
                        if (c == '{') {
                            key();
                        }
                        continue;
                    }
                    scalar();
                    expectValue = false;
                    continue;
                }
                char close = open.charAt(open.length() - 1);
                pos++;
                if (c == close) {
                    open.setLength(open.length() - 1);
                    if (open.length() == 0) {
                        return;
                    }
                } else if (c == ',') {
                    expectValue = true;
                    if (close == '}') {
                        skipBlanks();
                        key();
                    }
                } else {
                    throw new Invalid();
                }
            }
        }

        /** An object key and its colon. */
        private void key() throws Invalid {
            if (peek() != '"') {
                throw new Invalid();
            }
            string();
            skipBlanks();
            if (peek() != ':') {
                throw new Invalid();
            }
            pos++;
        }

        private void literal(String word) throws Invalid {
            if (!s.startsWith(word, pos)) {
                throw new Invalid();
            }
            pos += word.length();
        }

        private void number() throws Invalid {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            char c = peek();
            if (c == '0') {
                pos++;
            } else if (c >= '1' && c <= '9') {
                digits();
            } else {
                throw new Invalid();
            }
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                if (!isDigit(peek())) {
                    throw new Invalid();
                }
                digits();
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw new Invalid();
                }
                digits();
            }
            if (Double.isInfinite(Double.parseDouble(s.substring(start, pos)))) {
                numberOutOfRange = true;
            }
        }

        private void digits() {
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private String string() throws Invalid {
            pos++; // opening quote
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = peek();
                if (c == '"') {
                    pos++;
                    return out.toString();
                }
                if (c < 0x20) {
                    throw new Invalid();
                }
                if (c == '\\') {
                    pos++;
                    char e = peek();
                    pos++;
                    switch (e) {
                        case '"', '\\', '/' -> out.append(e);
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'u' -> unicodeEscape(out);
                        default -> throw new Invalid();
                    }
                    continue;
                }
                if (c < 0x80) {
                    out.append(c);
                    pos++;
                    continue;
                }
                int d = ByteText.decode(s, pos);
                out.appendCodePoint(ByteText.rune(d));
                pos += ByteText.width(d);
            }
        }

        private int hex4() throws Invalid {
            if (pos + 4 > s.length()) {
                throw new Invalid();
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int digit = Character.digit(s.charAt(pos + i), 16);
                if (digit < 0 || s.charAt(pos + i) > 'f') {
                    throw new Invalid();
                }
                v = v << 4 | digit;
            }
            pos += 4;
            return v;
        }

        private void unicodeEscape(StringBuilder out) throws Invalid {
            int u = hex4();
            if (Character.isSurrogate((char) u)) {
                // Go: a high surrogate followed by \\u low surrogate makes a pair; anything else
                // is U+FFFD and the following text is read normally.
                if (Character.isHighSurrogate((char) u) && s.startsWith("\\u", pos)) {
                    int save = pos;
                    pos += 2;
                    int low = hex4();
                    if (Character.isLowSurrogate((char) low)) {
                        out.appendCodePoint(Character.toCodePoint((char) u, (char) low));
                        return;
                    }
                    pos = save;
                }
                out.append('\uFFFD');
                return;
            }
            out.append((char) u);
        }
    }
}
