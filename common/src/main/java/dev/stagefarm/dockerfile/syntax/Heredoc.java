package dev.stagefarm.dockerfile.syntax;

/**
 * A heredoc attached to a RUN, COPY or ADD instruction, as BuildKit's parser extracts it.
 *
 * @param name the terminator word with its quotes removed
 * @param fileDescriptor the digits before {@code <<}, or 0
 * @param expand false when any part of the terminator word was quoted (no variable expansion)
 * @param chomp true for {@code <<-} (leading tabs are stripped from the body)
 * @param content the body lines joined with their newlines, before tab stripping
 */
public record Heredoc(String name, int fileDescriptor, boolean expand, boolean chomp, String content) {

    /** The body as used: for {@code <<-} heredocs, leading tabs removed from every line. */
    public String effectiveContent() {
        return chomp ? content.replaceAll("(?m)^\t+", "") : content;
    }

    /**
     * The heredoc a word such as {@code <<EOF} or {@code 3<<-"END"} opens, with empty content,
     * or null when the word opens none (BuildKit's {@code MustParseHeredoc}).
     */
    public static Heredoc openedBy(String word) {
        try {
            HeredocWords.Opener o = HeredocWords.parse(word);
            return o == null ? null : new Heredoc(o.name(), o.fileDescriptor(), o.expand(), o.chomp(), "");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
