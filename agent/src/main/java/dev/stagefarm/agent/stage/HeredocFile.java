package dev.stagefarm.agent.stage;

/**
 * A heredoc body ready for use: tabs already stripped for {@code <<-}, variables already
 * expanded where the terminator was unquoted (COPY/ADD only; RUN bodies go to the shell as written).
 *
 * @param name the terminator word, which is also the file name for COPY/ADD heredocs
 */
public record HeredocFile(String name, String content) {
}
