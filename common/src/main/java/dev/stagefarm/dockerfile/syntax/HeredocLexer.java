package dev.stagefarm.dockerfile.syntax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The part of BuildKit's shell lexer that the parser uses to find heredocs: word splitting
 * with a backslash escape, optional raw quotes and raw escapes, and variables left as written
 * (no variable is ever set here, and unset ones are kept).
 *
 * <p>One instance lexes one text. Not thread-safe.
 */
final class HeredocLexer {
    private static final int EOF = -1;
    /**
     * Nesting limit for {@code ${...}} inside {@code ${...}}. Go's growing stacks have none;
     * beyond this the line is treated as one the lexer cannot split (it opens no heredoc), which
     * only differs from BuildKit for absurd input and keeps the stack bounded.
     */
    private static final int MAX_NESTING = 200;

    private final int[] text;
    private final boolean rawQuotes;
    private boolean rawEscapes;
    private int pos;
    private int nesting;

    /** A lexing error (unterminated quote, bad substitution...). */
    static final class LexException extends Exception {
        LexException(String message) {
            super(message, null, false, false);
        }
    }

    private HeredocLexer(String unicode, boolean rawQuotes, boolean rawEscapes) {
        // a plain loop: a stream costs more than the lexing for the short words seen here
        int[] points = new int[unicode.length()];
        int count = 0;
        int i = 0;
        while (i < unicode.length()) {
            int cp = unicode.codePointAt(i);
            points[count++] = cp;
            i += Character.charCount(cp);
        }
        this.text = count == points.length ? points : Arrays.copyOf(points, count);
        this.rawQuotes = rawQuotes;
        this.rawEscapes = rawEscapes;
    }

    /** Splits {@code unicode} into shell words (BuildKit's {@code ProcessWords}). */
    static List<String> words(String unicode, boolean rawQuotes, boolean rawEscapes) throws LexException {
        HeredocLexer lexer = new HeredocLexer(unicode, rawQuotes, rawEscapes);
        try {
            return lexer.processStopOn(EOF, rawEscapes).words;
        } catch (LexException e) {
            throw new LexException("failed to process \"" + unicode + "\": " + e.getMessage());
        }
    }

    private int peek() {
        return pos < text.length ? text[pos] : EOF;
    }

    private int next() {
        return pos < text.length ? text[pos++] : EOF;
    }

    private record Processed(String result, List<String> words) {
    }

    /** Collects words; a word that ends with {@code <<} is not ended by blanks (heredoc names). */
    private static final class WordCollector {
        private final List<String> words = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private boolean inWord;

        void addChar(int ch) {
            boolean space = ByteText.isSpace(ch);
            if (space && inWord) {
                if (endsWithHeredocOperator()) {
                    addRawChar(ch);
                } else if (word.length() != 0) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (!space) {
                addRawChar(ch);
            }
        }

        /** True when the word so far ends with {@code <<} and maybe blanks after it. */
        private boolean endsWithHeredocOperator() {
            int n = word.length();
            while (n > 0 && ByteText.isSpace(word.charAt(n - 1))) {
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

    private Processed processStopOn(int stopChar, boolean raw) throws LexException {
        if (++nesting > MAX_NESTING) {
            throw new LexException("substitutions nested too deeply");
        }
        StringBuilder result = new StringBuilder();
        WordCollector words = new WordCollector();
        boolean saved = rawEscapes;
        rawEscapes = raw;
        try {
            while (peek() != EOF) {
                int ch = peek();
                if (stopChar != EOF && ch == stopChar) {
                    next();
                    return new Processed(result.toString(), words.finish());
                }
                if (ch == '$' || ch == '\'' || ch == '"') {
                    String tmp = ch == '$' ? processDollar() : ch == '\'' ? processSingleQuote() : processDoubleQuote();
                    result.append(tmp);
                    if (ch == '$') {
                        words.addString(tmp);
                    } else {
                        words.addRawString(tmp);
                    }
                    continue;
                }
                ch = next();
                if (ch == '\\') {
                    if (rawEscapes) {
                        words.addRawChar(ch);
                        result.appendCodePoint(ch);
                    }
                    ch = next();
                    if (ch == EOF) {
                        break;
                    }
                    words.addRawChar(ch);
                } else {
                    words.addChar(ch);
                }
                result.appendCodePoint(ch);
            }
            if (stopChar != EOF) {
                throw new LexException("unexpected end of statement while looking for matching "
                        + new String(Character.toChars(stopChar)));
            }
            return new Processed(result.toString(), words.finish());
        } finally {
            rawEscapes = saved;
            nesting--;
        }
    }

    private String processSingleQuote() throws LexException {
        StringBuilder result = new StringBuilder();
        int ch = next();
        if (rawQuotes) {
            result.appendCodePoint(ch);
        }
        while (true) {
            ch = next();
            if (ch == EOF) {
                throw new LexException("unexpected end of statement while looking for matching single-quote");
            }
            if (ch == '\'') {
                if (rawQuotes) {
                    result.appendCodePoint(ch);
                }
                return result.toString();
            }
            result.appendCodePoint(ch);
        }
    }

    private String processDoubleQuote() throws LexException {
        StringBuilder result = new StringBuilder();
        int ch = next();
        if (rawQuotes) {
            result.appendCodePoint(ch);
        }
        while (true) {
            int p = peek();
            if (p == EOF) {
                throw new LexException("unexpected end of statement while looking for matching double-quote");
            }
            if (p == '"') {
                ch = next();
                if (rawQuotes) {
                    result.appendCodePoint(ch);
                }
                return result.toString();
            }
            if (p == '$') {
                result.append(processDollar());
                continue;
            }
            ch = next();
            if (ch == '\\') {
                if (rawEscapes) {
                    result.appendCodePoint(ch);
                }
                int after = peek();
                if (after == EOF) {
                    continue;
                }
                if (after == '"' || after == '$' || after == '\\') {
                    ch = next();
                }
            }
            result.appendCodePoint(ch);
        }
    }

    private String processDollar() throws LexException {
        next();
        if (peek() != '{') {
            String name = processName();
            return name.isEmpty() ? "$" : "$" + name;
        }
        next();
        int p = peek();
        if (p == EOF) {
            throw new LexException("syntax error: missing '}'");
        }
        if (p == '{' || p == '}' || p == ':') {
            throw new LexException("syntax error: bad substitution");
        }
        String name = processName();
        int ch = next();
        StringBuilder chs = new StringBuilder();
        if (ch != EOF) {
            chs.appendCodePoint(ch);
        }
        switch (ch) {
            case '}':
                return "${" + name + "}";
            case ':':
            case '+':
            case '-':
            case '?':
            case '#':
            case '%': {
                if (ch == ':') {
                    ch = next();
                    if (ch != EOF) {
                        chs.appendCodePoint(ch);
                    }
                }
                boolean raw = ch == '#' || ch == '%';
                String word = stopOnBrace('}', raw);
                return "${" + name + chs + word + "}";
            }
            case '/': {
                if (peek() == '/') {
                    next();
                }
                String pattern = stopOnBrace('/', true, "syntax error: missing '/' in ${}");
                String replacement = stopOnBrace('}', true);
                return "${" + name + "/" + pattern + "/" + replacement + "}";
            }
            default:
                throw new LexException("unsupported modifier (" + chs + ") in substitution");
        }
    }

    private String stopOnBrace(int stop, boolean raw) throws LexException {
        return stopOnBrace(stop, raw, "syntax error: missing '}'");
    }

    private String stopOnBrace(int stop, boolean raw, String atEof) throws LexException {
        try {
            return processStopOn(stop, raw).result;
        } catch (LexException e) {
            if (peek() == EOF) {
                throw new LexException(atEof);
            }
            throw e;
        }
    }

    private String processName() {
        StringBuilder name = new StringBuilder();
        while (peek() != EOF) {
            int ch = peek();
            if (name.length() == 0 && Character.isDigit(ch)) {
                while (peek() != EOF && Character.isDigit(peek())) {
                    name.appendCodePoint(next());
                }
                return name.toString();
            }
            if (name.length() == 0 && "@*#?-$!0".indexOf(ch) >= 0) {
                return new String(Character.toChars(next()));
            }
            if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
                break;
            }
            name.appendCodePoint(next());
        }
        return name.toString();
    }
}
