package dev.stagefarm.dockerfile.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the expanded text into words while it is built: unquoted blanks end a word, quoted
 * and escaped characters never do. Empty words are dropped (so {@code ""} alone yields none),
 * as in BuildKit. For the parser's heredoc search, a word ending in {@code <<} is not ended by
 * blanks either, so {@code << EOF} stays one word. Not thread-safe.
 */
final class WordAccumulator {
    private final boolean heredocOperands;
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;

    WordAccumulator(boolean heredocOperands) {
        this.heredocOperands = heredocOperands;
    }

    void addChar(int ch) {
        if (!ShellChars.isSpace(ch)) {
            addRawChar(ch);
        } else if (inWord && heredocOperands && endsWithHeredocOperator()) {
            addRawChar(ch);
        } else if (inWord && word.length() != 0) {
            words.add(word.toString());
            word.setLength(0);
            inWord = false;
        }
    }

    /** True when the word so far ends with {@code <<} and maybe blanks after it. */
    private boolean endsWithHeredocOperator() {
        int n = word.length();
        while (n > 0 && ShellChars.isSpace(word.charAt(n - 1))) {
            n--;
        }
        return n >= 2 && word.charAt(n - 1) == '<' && word.charAt(n - 2) == '<';
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
