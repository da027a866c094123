package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;

/**
 * FROM: the base image (as written), the stage name lower-cased (null without {@code AS}) and
 * the {@code --platform} value (null when absent).
 */
public record From(Source source, String image, String name, String platform) implements Instruction {
    /** Expands image and platform (with the global ARGs). The stage name is never expanded. */
    @Override
    public From expand(WordExpander expander) {
        return new From(source, expander.word(image), name, platform == null ? null : expander.word(platform));
    }
}
