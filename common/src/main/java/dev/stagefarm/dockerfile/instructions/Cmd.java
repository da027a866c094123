package dev.stagefarm.dockerfile.instructions;

import java.util.List;

/**
 * CMD: the command; {@code prependShell} is true for the shell form (one string run by the
 * SHELL), false for the JSON form.
 */
public record Cmd(Source source, List<String> command, boolean prependShell) implements Instruction {
    public Cmd {
        command = List.copyOf(command);
    }
}
