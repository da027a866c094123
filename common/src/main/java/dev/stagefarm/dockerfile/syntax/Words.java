package dev.stagefarm.dockerfile.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * BuildKit's {@code parseWords}: cuts ARG, ENV and LABEL text at Unicode whitespace outside
 * quotes, keeping quotes and escapes in the words. Works on byte text; an invalid UTF-8 byte
 * becomes U+FFFD as in Go. Stateless.
 */
final class Words {
    private Words() {
    }

    private enum Phase { SPACES, WORD, QUOTE }

    static List<String> split(String rest, char escape) {
        List<String> words = new ArrayList<>();
        Phase phase = Phase.SPACES;
        int quote = 0;
        boolean blankOk = false;
        StringBuilder word = new StringBuilder();
        int len = rest.length();
        int ch = 0;
        int width = 0;
        for (int pos = 0; pos <= len; pos += width) {
            if (pos != len) {
                int d = ByteText.decode(rest, pos);
                ch = ByteText.rune(d);
                width = ByteText.width(d);
            }
            if (phase == Phase.SPACES) {
                if (pos == len) {
                    break;
                }
                if (ByteText.isSpace(ch)) {
                    continue;
                }
                phase = Phase.WORD;
            }
            if (pos == len) {
                if (blankOk || word.length() > 0) {
                    words.add(word.toString());
                }
                break;
            }
            if (phase == Phase.WORD) {
                if (ByteText.isSpace(ch)) {
                    phase = Phase.SPACES;
                    if (blankOk || word.length() > 0) {
                        words.add(word.toString());
                    }
                    word.setLength(0);
                    blankOk = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                    phase = Phase.QUOTE;
                }
                if (ch == escape) {
                    if (pos + width == len) {
                        continue;
                    }
                    ByteText.appendRune(word, ch);
                    pos += width;
                    int d = ByteText.decode(rest, pos);
                    ch = ByteText.rune(d);
                    width = ByteText.width(d);
                }
                ByteText.appendRune(word, ch);
                continue;
            }
            // Phase.QUOTE
            if (ch == quote) {
                phase = Phase.WORD;
            }
            if (ch == escape && quote != '\'') {
                if (pos + width == len) {
                    phase = Phase.WORD;
                    continue;
                }
                pos += width;
                ByteText.appendRune(word, ch);
                int d = ByteText.decode(rest, pos);
                ch = ByteText.rune(d);
                width = ByteText.width(d);
            }
            ByteText.appendRune(word, ch);
        }
        return words;
    }
}
