package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;

/** WORKDIR: the path as written. */
public record Workdir(Source source, String path) implements Instruction {
    @Override
    public Workdir expand(WordExpander expander) {
        return new Workdir(source, expander.word(path));
    }
}
