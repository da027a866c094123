package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;

/** USER: {@code user[:group]} as written. */
public record User(Source source, String user) implements Instruction {
    @Override
    public User expand(WordExpander expander) {
        return new User(source, expander.word(user));
    }
}
