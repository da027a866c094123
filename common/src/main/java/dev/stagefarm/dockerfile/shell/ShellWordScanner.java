package dev.stagefarm.dockerfile.shell;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One run over one word: a port of BuildKit's {@code shellWord} (lex.go), for an expansion or for
 * the parser's heredoc search (see {@link ScanMode}). Mutable and single-use; {@link ShellLex}
 * creates one per call.
 */
final class ShellWordScanner {
    private static final int EOF = -1;

    private final ShellLex lex;
    private final ScanMode mode;
    private final int[] text;
    private final VariableScope scope;
    private final Set<String> matched = new LinkedHashSet<>();
    private final Set<String> unmatched = new LinkedHashSet<>();
    private int pos;
    private boolean rawEscapes;
    private int nesting;

    ShellWordScanner(ShellLex lex, ScanMode mode, String word, VariableScope scope) {
        this.lex = lex;
        this.mode = mode;
        this.text = codePoints(word);
        this.scope = scope;
    }

    /** The code points of {@code word}, without a stream: this runs for every expanded word. */
    private static int[] codePoints(String word) {
        int[] out = new int[word.length()];
        int count = 0;
        for (int i = 0; i < word.length(); i += Character.charCount(out[count++])) {
            out[count] = word.codePointAt(i);
        }
        return count == out.length ? out : Arrays.copyOf(out, count);
    }

    Expansion run() {
        Segment segment = processStopOn(EOF, mode.rawEscapes());
        return new Expansion(segment.text(), segment.words(), matched, unmatched);
    }

    /** The expanded text alone: {@link #run()} without building the {@link Expansion}. */
    String text() {
        return processStopOn(EOF, mode.rawEscapes()).text();
    }

    /** The words alone: {@link #run()} without building the {@link Expansion}. */
    List<String> words() {
        return processStopOn(EOF, mode.rawEscapes()).words();
    }

    private record Segment(String text, List<String> words) {
    }

    private int peek() {
        return pos < text.length ? text[pos] : EOF;
    }

    private int next() {
        return pos < text.length ? text[pos++] : EOF;
    }

    /** Reads up to {@code stopChar} (consumed) or the end of the word when it is EOF. */
    private Segment processStopOn(int stopChar, boolean raw) {
        if (++nesting > mode.maxNesting()) {
            throw new ShellSyntaxError("substitutions nested too deeply");
        }
        boolean saved = rawEscapes;
        rawEscapes = raw;
        try {
            return scanUntil(stopChar);
        } finally {
            rawEscapes = saved;
            nesting--;
        }
    }

    private Segment scanUntil(int stopChar) {
        StringBuilder result = new StringBuilder();
        WordAccumulator words = new WordAccumulator(mode.heredocOperands());
        while (peek() != EOF) {
            int ch = peek();
            if (stopChar != EOF && ch == stopChar) {
                next();
                return new Segment(result.toString(), words.finish());
            }
            if (ch == '$') {
                String value = processDollar();
                result.append(value);
                words.addString(value);
            } else if (lex.processQuotes() && (ch == '\'' || ch == '"')) {
                String value = ch == '\'' ? processSingleQuote() : processDoubleQuote();
                result.append(value);
                words.addRawString(value);
            } else {
                ch = next();
                if (ch == lex.escape()) {
                    if (rawEscapes) {
                        words.addRawChar(ch);
                        result.appendCodePoint(ch);
                    }
                    // the escape character escapes the next one, except at the end of the word
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
        }
        if (stopChar != EOF) {
            throw new ShellSyntaxError("unexpected end of statement while looking for matching "
                    + new String(Character.toChars(stopChar)));
        }
        return new Segment(result.toString(), words.finish());
    }

    /** Everything up to the next single quote is literal; a single quote cannot be escaped. */
    private String processSingleQuote() {
        StringBuilder result = new StringBuilder();
        int ch = next();
        if (lex.rawQuotes()) {
            result.appendCodePoint(ch);
        }
        while (true) {
            ch = next();
            if (ch == EOF) {
                throw new ShellSyntaxError("unexpected end of statement while looking for matching single-quote");
            }
            if (ch == '\'') {
                if (lex.rawQuotes()) {
                    result.appendCodePoint(ch);
                }
                return result.toString();
            }
            result.appendCodePoint(ch);
        }
    }

    /** Literal except {@code $} and the escape character, which escapes only " $ and itself. */
    private String processDoubleQuote() {
        StringBuilder result = new StringBuilder();
        int ch = next();
        if (lex.rawQuotes()) {
            result.appendCodePoint(ch);
        }
        while (true) {
            int p = peek();
            if (p == EOF) {
                throw new ShellSyntaxError("unexpected end of statement while looking for matching double-quote");
            } else if (p == '"') {
                ch = next();
                if (lex.rawQuotes()) {
                    result.appendCodePoint(ch);
                }
                return result.toString();
            } else if (p == '$') {
                result.append(processDollar());
            } else {
                ch = next();
                if (ch == lex.escape()) {
                    if (rawEscapes) {
                        result.appendCodePoint(ch);
                    }
                    int following = peek();
                    if (following == EOF) {
                        continue; // a trailing escape is dropped
                    }
                    if (following == '"' || following == '$' || following == lex.escape()) {
                        ch = next();
                    }
                }
                result.appendCodePoint(ch);
            }
        }
    }

    private String processDollar() {
        next();
        if (peek() != '{') {
            String name = processName();
            if (name.isEmpty()) {
                return "$";
            }
            String value = lookup(name);
            if (value == null && lex.skipUnset()) {
                return "$" + name;
            }
            return value == null ? "" : value;
        }
        next();
        int first = peek();
        if (first == EOF) {
            throw new ShellSyntaxError("syntax error: missing '}'");
        }
        if (first == '{' || first == '}' || first == ':') {
            throw new ShellSyntaxError("syntax error: bad substitution");
        }
        String name = processName();
        int ch = next();
        if (ch == EOF && mode.explainMissingBrace()) {
            // BuildKit reports "unsupported modifier (\uFFFD)" here; the cause is the missing brace
            throw new ShellSyntaxError("syntax error: missing '}'");
        }
        StringBuilder modifier = new StringBuilder();
        appendChar(modifier, ch);
        if (ch == '}') {
            String value = lookup(name);
            if (value == null && lex.skipUnset()) {
                return "${" + name + "}";
            }
            return value == null ? "" : value;
        }
        if (ch == '/') {
            return substitute(name);
        }
        boolean nullIsUnset = false;
        if (ch == ':') {
            nullIsUnset = true;
            ch = next();
            appendChar(modifier, ch);
        } else if (ch != '+' && ch != '-' && ch != '?' && ch != '#' && ch != '%') {
            throw new ShellSyntaxError("unsupported modifier (" + modifier + ") in substitution");
        }
        String word = argument('}', ch == '#' || ch == '%', "syntax error: missing '}'");
        String value = lookup(name);
        if (value == null && lex.skipUnset()) {
            return "${" + name + modifier + word + "}";
        }
        boolean unsetOrNull = value == null || (nullIsUnset && value.isEmpty());
        switch (ch) {
            case '-':
                return unsetOrNull ? word : value;
            case '+':
                return unsetOrNull ? "" : word;
            case '?':
                if (value == null) {
                    throw new ShellSyntaxError(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                }
                if (nullIsUnset && value.isEmpty()) {
                    throw new ShellSyntaxError(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                }
                return value;
            case '%':
            case '#':
                // '%'/'#' remove the shortest match, '%%'/'##' the longest
                boolean greedy = false;
                if (!word.isEmpty() && word.charAt(0) == ch) {
                    greedy = true;
                    word = word.substring(1);
                }
                String subject = value == null ? "" : value;
                return ch == '%' ? ShellPattern.trimSuffix(word, subject, greedy)
                        : ShellPattern.trimPrefix(word, subject, greedy);
            default:
                throw new ShellSyntaxError("unsupported modifier (" + modifier + ") in substitution");
        }
    }

    /** {@code ${V/pattern/replacement}} and {@code ${V//pattern/replacement}}. */
    private String substitute(String name) {
        boolean replaceAll = peek() == '/';
        if (replaceAll) {
            next();
        }
        String pattern = argument('/', true, "syntax error: missing '/' in ${}");
        String replacement = argument('}', true, "syntax error: missing '}'");
        String value = lookup(name);
        if (value == null && lex.skipUnset()) {
            return "${" + name + "/" + pattern + "/" + replacement + "}";
        }
        return ShellPattern.replace(value == null ? "" : value, pattern, replacement, replaceAll);
    }

    /** The word of a modifier, up to {@code stop}; an error at the end of input becomes {@code atEnd}. */
    private String argument(int stop, boolean raw, String atEnd) {
        try {
            return processStopOn(stop, raw).text();
        } catch (ShellSyntaxError e) {
            if (peek() == EOF) {
                throw new ShellSyntaxError(atEnd);
            }
            throw e;
        }
    }

    private static void appendChar(StringBuilder out, int ch) {
        if (ch != EOF) {
            out.appendCodePoint(ch);
        }
    }

    /** A name: letters, digits and '_'; or a run of digits; or one special parameter. */
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
            if (name.length() == 0 && ShellChars.isSpecialParam(ch)) {
                return new String(Character.toChars(next()));
            }
            if (!ShellChars.isNameChar(ch)) {
                break;
            }
            name.appendCodePoint(next());
        }
        return name.toString();
    }

    private String lookup(String name) {
        String value = scope.valueOf(name);
        if (value == null) {
            unmatched.add(name);
        } else {
            matched.add(name);
        }
        return value;
    }
}
