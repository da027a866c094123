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
}
