package dev.stagefarm.dockerfile.shell;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.List;
import java.util.function.Function;

/**
 * BuildKit's Dockerfile shell lexer ({@code frontend/dockerfile/shell}): removes quotes, applies
 * escapes and substitutes {@code $V}, {@code ${V}} and the {@code ${V<modifier>word}} forms
 * ({@code :-} {@code -} {@code :+} {@code +} {@code :?} {@code ?} {@code #} {@code ##}
 * {@code %} {@code %%} {@code /} {@code //}), exactly as {@code docker build} does.
 *
 * <p>It is not a shell: there is no command substitution, no arithmetic, no {@code :=}, no
 * bracket expressions in patterns. What BuildKit rejects is rejected here with
 * {@link FailureCode#VARIABLE_EXPANSION}; what BuildKit accepts silently (an unknown variable,
 * a lone {@code $}) is accepted the same way.
 *
 * <p>Instances are immutable and thread-safe; each call uses its own scanner.
 *
 * @param escape the escape character of the Dockerfile: {@code \} or a backtick
 * @param rawQuotes keep quote characters in the result (BuildKit uses this for step names)
 * @param skipUnset leave references to unset variables as written instead of expanding to ""
 * @param processQuotes false to treat quotes as ordinary characters (heredoc bodies)
 */
public record ShellLex(char escape, boolean rawQuotes, boolean skipUnset, boolean processQuotes) {
    private static final VariableScope NOTHING_SET = VariableScope.empty();

    /** The lexer for a Dockerfile whose escape character is {@code escape}. */
    public ShellLex(char escape) {
        this(escape, false, false, true);
    }

    /** This lexer, but leaving quotes in and references to unset variables as written. */
    public ShellLex keepingQuotesAndUnset() {
        return new ShellLex(escape, true, true, processQuotes);
    }

    /** This lexer, but with quotes as ordinary characters. */
    public ShellLex ignoringQuotes() {
        return new ShellLex(escape, rawQuotes, skipUnset, false);
    }

    /**
     * Expands {@code word} against {@code scope}, reporting which variables were used.
     *
     * @throws StagefarmException with {@link FailureCode#VARIABLE_EXPANSION} for a syntax error
     *     ({@code ${}}, a missing {@code '}'}, an unterminated quote) or a {@code ${V?msg}} failure
     */
    public Expansion process(String word, VariableScope scope) {
        return scan(word, scope, ShellWordScanner::run);
    }

    private <T> T scan(String word, VariableScope scope, Function<ShellWordScanner, T> how) {
        ShellWordScanner scanner = new ShellWordScanner(this, ScanMode.EXPANSION, word, scope);
        try {
            return how.apply(scanner);
        } catch (ShellSyntaxError e) {
            throw new StagefarmException(FailureCode.VARIABLE_EXPANSION, "", 0,
                    "failed to process " + GoQuote.quote(word) + ": " + e.getMessage(), e);
        }
    }

    /** Expands one word (see {@link #process}). */
    public String word(String word, VariableScope scope) {
        if (isPlain(word)) {
            return word; // nothing to expand, unquote or unescape: most words of a Dockerfile
        }
        // the planner expands every COPY source: skip the Expansion and its copied sets
        return scan(word, scope, ShellWordScanner::text);
    }

    /** Expands then splits into words (see {@link #process}). */
    public List<String> words(String text, VariableScope scope) {
        return process(text, scope).words();
    }

    /**
     * Splits {@code line} into words the way BuildKit's parser does to find the heredocs a line
     * opens: backslash escapes, quotes processed, every variable left as written (none is set),
     * and a word ending in {@code <<} kept together with the blanks after it.
     *
     * @param rawQuotes keep the quote characters in the words
     * @param rawEscapes keep the escape characters in the words
     * @throws IllegalArgumentException {@code failed to process "LINE": why} when the line cannot be
     *     split (an unterminated quote, a bad substitution, substitutions nested absurdly deep)
     */
    public static List<String> heredocWords(String line, boolean rawQuotes, boolean rawEscapes) {
        ShellLex lex = new ShellLex('\\', rawQuotes, true, true);
        try {
            return new ShellWordScanner(lex, ScanMode.heredocSearch(rawEscapes), line, NOTHING_SET).words();
        } catch (ShellSyntaxError e) {
            throw new IllegalArgumentException("failed to process \"" + line + "\": " + e.getMessage());
        }
    }

    /** A {@link WordExpander} bound to {@code scope}. */
    public WordExpander expander(VariableScope scope) {
        ShellLex lex = this;
        return new WordExpander() {
            @Override
            public String word(String word) {
                return lex.word(word, scope);
            }

            @Override
            public List<String> words(String text) {
                return lex.words(text, scope);
            }
        };
    }

    private boolean isPlain(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '$' || c == escape || (processQuotes && (c == '\'' || c == '"'))) {
                return false;
            }
        }
        return true;
    }
}
