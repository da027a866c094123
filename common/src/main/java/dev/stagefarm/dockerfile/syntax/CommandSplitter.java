package dev.stagefarm.dockerfile.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a logical line into keyword, leading {@code --} flags and the rest, as BuildKit's
 * {@code splitCommand} does.
 *
 * <p>Flags are read byte by byte with a fixed backslash escape (whatever the escape directive
 * says) and each byte becomes one char, exactly as BuildKit builds them. Stateless.
 */
final class CommandSplitter {
    private CommandSplitter() {
    }

    /** A logical line cut into its parts (all byte text except {@code flags}, see below). */
    record Split(String keyword, List<String> flags, String rest) {
    }

    static Split split(String line) {
        String trimmed = ByteText.trimSpace(line);
        int cut = 0;
        while (cut < trimmed.length() && !isTokenBlank(trimmed.charAt(cut))) {
            cut++;
        }
        if (cut == trimmed.length()) {
            return new Split(trimmed, List.of(), "");
        }
        int restStart = cut;
        while (restStart < trimmed.length() && isTokenBlank(trimmed.charAt(restStart))) {
            restStart++;
        }
        List<String> flags = new ArrayList<>();
        String rest = extractFlags(trimmed.substring(restStart), flags);
        return new Split(trimmed.substring(0, cut), flags, ByteText.trimSpace(rest));
    }

    /** BuildKit's {@code [\t\v\f\r ]} whitespace class. */
    static boolean isTokenBlank(char c) {
        return c == ' ' || c == '\t' || c == 0x0B || c == '\f' || c == '\r';
    }

    private enum Phase { SPACES, WORD, QUOTE }

    /**
     * Takes the leading flags off {@code line} into {@code flags} and returns what follows them.
     * The flag strings hold one char per input byte, which is what BuildKit's byte-wise loop
     * produces for non-ASCII input.
     */
    private static String extractFlags(String line, List<String> flags) {
        Phase phase = Phase.SPACES;
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean blankOk = false;
        int len = line.length();
        for (int pos = 0; pos <= len; pos++) {
            char ch = pos < len ? line.charAt(pos) : 0;
            if (phase == Phase.SPACES) {
                if (pos == len) {
                    break;
                }
                if (ByteText.isSpaceByte(ch)) {
                    continue;
                }
                if (ch != '-' || pos + 1 == len || line.charAt(pos + 1) != '-') {
                    return line.substring(pos);
                }
                phase = Phase.WORD;
            }
            if (pos == len) {
                if (!word.toString().equals("--") && (blankOk || word.length() > 0)) {
                    flags.add(word.toString());
                }
                break;
            }
            if (phase == Phase.WORD) {
                if (ByteText.isSpaceByte(ch)) {
                    phase = Phase.SPACES;
                    if (word.toString().equals("--")) {
                        return line.substring(pos);
                    }
                    if (blankOk || word.length() > 0) {
                        flags.add(word.toString());
                    }
                    word.setLength(0);
                    blankOk = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                    phase = Phase.QUOTE;
                    continue;
                }
                if (ch == '\\') {
                    if (pos + 1 == len) {
                        continue;
                    }
                    pos++;
                    ch = line.charAt(pos);
                }
                word.append(ch);
                continue;
            }
            // Phase.QUOTE
            if (ch == quote) {
                phase = Phase.WORD;
                continue;
            }
            if (ch == '\\') {
                if (pos + 1 == len) {
                    phase = Phase.WORD;
                    continue;
                }
                pos++;
                ch = line.charAt(pos);
            }
            word.append(ch);
        }
        return "";
    }
}
