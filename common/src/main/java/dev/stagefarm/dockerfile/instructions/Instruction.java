package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;

/**
 * A typed Dockerfile instruction, built from the raw syntax tree by {@link Instructions#of}
 * with its flags parsed and validated as BuildKit does. Words are kept as written (not
 * variable-expanded); {@link #expand} returns the instruction with the words BuildKit expands
 * replaced by their expansion (instructions BuildKit never expands return themselves).
 */
public sealed interface Instruction
        permits From, Run, Copy, Add, Env, Arg, Label, Expose, Volume, User, Workdir, Cmd, Entrypoint, Shell,
                Healthcheck, StopSignal, Onbuild, Maintainer {

    Source source();

    /**
     * This instruction with BuildKit's single-word expansion applied where BuildKit applies it.
     *
     * @throws dev.stagefarm.failure.StagefarmException when an expanded value is invalid
     */
    default Instruction expand(WordExpander expander) {
        return this;
    }
}
