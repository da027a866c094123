package dev.stagefarm.dockerfile.instructions;

import java.util.List;

/** ENTRYPOINT: the command (empty clears it); {@code prependShell} true for the shell form. */
public record Entrypoint(Source source, List<String> command, boolean prependShell) implements Instruction {
    public Entrypoint {
        command = List.copyOf(command);
    }
}
