package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.syntax.Heredoc;
import dev.stagefarm.dockerfile.syntax.RawInstruction;
import java.util.List;

/**
 * ONBUILD: the trigger expression (the line after {@code ONBUILD}), its raw instruction, and the
 * heredocs it opened.
 */
public record Onbuild(Source source, String expression, RawInstruction trigger, List<Heredoc> heredocs)
        implements Instruction {
    public Onbuild {
        heredocs = List.copyOf(heredocs);
    }
}
