package dev.stagefarm.dockerfile.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the expanded text into words while it is built: unquoted blanks end a word, quoted
 * and escaped characters never do. Empty words are dropped (so {@code ""} alone yields none),
 * as in BuildKit.
 */
final class WordAccumulator {
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;

    void addChar(int ch) {
        if (ShellChars.isSpace(ch)) {
            if (inWord && word.length() != 0) {
                words.add(word.toString());
                word.setLength(0);
                inWord = false;
            }
        } else {
            addRawChar(ch);
        }
    }

    void addRawChar(int ch) {
        word.appendCodePoint(ch);
        inWord = true;
    }

    void addString(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            addChar(cp);
            i += Character.charCount(cp);
        }
    }

    void addRawString(String s) {
        word.append(s);
        inWord = true;
    }

    List<String> finish() {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
            inWord = false;
        }
        return words;
    }
}
