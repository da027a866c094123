package dev.stagefarm.plan;

import java.util.List;

/**
 * One instruction of a stage in canonical form: the keyword upper-cased, then the flags and
 * arguments after the variable expansion BuildKit applies to that instruction (RUN, CMD,
 * ENTRYPOINT, SHELL and HEALTHCHECK are not expanded: the shell does that at run time, and the
 * variables it sees are part of the stage's build args), then heredoc bodies.
 *
 * @param line the instruction's first line
 * @param keyword upper-case keyword
 * @param words the canonical flags and arguments
 * @param fromOnbuild true when the step is an ONBUILD trigger inherited from the base stage
 */
public record StageStep(int line, String keyword, List<String> words, boolean fromOnbuild) {
    public StageStep {
        words = List.copyOf(words);
    }
}
