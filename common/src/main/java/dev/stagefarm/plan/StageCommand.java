package dev.stagefarm.plan;

import dev.stagefarm.dockerfile.syntax.RawInstruction;
import java.util.ArrayList;
import java.util.List;

/**
 * An instruction as a stage runs it: its own, or an ONBUILD trigger of its base stage (run
 * first, reported on the FROM line, as BuildKit does).
 */
record StageCommand(RawInstruction instruction, String keyword, int line, boolean fromOnbuild) {

    /** The commands of {@code stage}: the ONBUILD triggers of {@code base} (may be null) then its body. */
    static List<StageCommand> of(StageSource stage, StageSource base) {
        List<StageCommand> out = new ArrayList<>(stage.body().size());
        if (base != null) {
            for (RawInstruction instruction : base.body()) {
                if (DockerfileLayout.keyword(instruction).equals("ONBUILD") && instruction.onbuild() != null) {
                    RawInstruction trigger = instruction.onbuild();
                    out.add(new StageCommand(trigger, DockerfileLayout.keyword(trigger), stage.line(), true));
                }
            }
        }
        for (RawInstruction instruction : stage.body()) {
            out.add(new StageCommand(instruction, DockerfileLayout.keyword(instruction), instruction.startLine(),
                    false));
        }
        return out;
    }

    /** The value of {@code --name=value}, or null. The last one wins, as in BuildKit. */
    String flag(String name) {
        String prefix = "--" + name + "=";
        String value = null;
        for (String flag : instruction.flags()) {
            if (flag.startsWith(prefix)) {
                value = flag.substring(prefix.length());
            }
        }
        return value;
    }

    /** Every {@code --name=value} value, in order. */
    List<String> flags(String name) {
        String prefix = "--" + name + "=";
        List<String> out = new ArrayList<>();
        for (String flag : instruction.flags()) {
            if (flag.startsWith(prefix)) {
                out.add(flag.substring(prefix.length()));
            }
        }
        return out;
    }
}
