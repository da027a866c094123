package dev.stagefarm.dockerfile.shell;

/**
 * What one scan adds to the settings of its {@link ShellLex}: the two uses of BuildKit's lexer,
 * expanding a word and the parser's search for heredocs, differ only here.
 *
 * @param rawEscapes keep escape characters in the result from the start (BuildKit's {@code RawEscapes})
 * @param heredocOperands a word ending in {@code <<} (and blanks) is not ended by a blank, so that
 *     {@code << EOF} stays one word
 * @param maxNesting how many {@code ${...}} may nest; deeper fails with "substitutions nested too deeply"
 * @param explainMissingBrace a substitution cut off after its name (<code>${NAME</code>) fails with
 *     "missing '}'"; without, with "unsupported modifier ()", as the heredoc search has always
 *     reported it (BuildKit says "unsupported modifier (U+FFFD)")
 */
record ScanMode(boolean rawEscapes, boolean heredocOperands, int maxNesting, boolean explainMissingBrace) {
    /** Expanding a word: nesting is left to the stack, as Go's growing stacks leave it. */
    static final ScanMode EXPANSION = new ScanMode(false, false, Integer.MAX_VALUE, true);

    /**
     * Nesting limit of the heredoc search: beyond it a line is one the lexer cannot split (it opens
     * no heredoc), which only differs from BuildKit for absurd input and keeps the parser's stack
     * bounded on any input.
     */
    static final int HEREDOC_MAX_NESTING = 200;

    static ScanMode heredocSearch(boolean rawEscapes) {
        return new ScanMode(rawEscapes, true, HEREDOC_MAX_NESTING, false);
    }
}
