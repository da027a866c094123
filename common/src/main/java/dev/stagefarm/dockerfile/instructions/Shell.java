package dev.stagefarm.dockerfile.instructions;

import java.util.List;

/** SHELL: the shell command line (always JSON form). */
public record Shell(Source source, List<String> shell) implements Instruction {
    public Shell {
        shell = List.copyOf(shell);
    }
}
