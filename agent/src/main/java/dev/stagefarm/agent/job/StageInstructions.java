package dev.stagefarm.agent.job;

import dev.stagefarm.dockerfile.instructions.Arg;
import dev.stagefarm.dockerfile.instructions.Env;
import dev.stagefarm.dockerfile.instructions.Instruction;
import dev.stagefarm.dockerfile.instructions.Instructions;
import dev.stagefarm.dockerfile.instructions.KeyValue;
import dev.stagefarm.dockerfile.shell.ShellLex;
import dev.stagefarm.dockerfile.shell.VariableScope;
import dev.stagefarm.dockerfile.syntax.RawDockerfile;
import dev.stagefarm.dockerfile.syntax.RawInstruction;
import dev.stagefarm.plan.ArgValue;
import dev.stagefarm.plan.BuildPlan;
import dev.stagefarm.plan.PlannedStage;
import dev.stagefarm.plan.StageBase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The typed instructions of one stage (its FROM left out), each expanded with the ARG/ENV scope
 * in effect where it stands, as BuildKit's dispatch sees them: the scope starts from the base
 * stage's final scope, an ARG takes the value the planner chose for it, an ENV adds its expanded
 * pairs. Pure.
 */
final class StageInstructions {

    record Walk(List<Instruction> instructions, Map<String, String> finalScope) {
    }

    private StageInstructions() {
    }

    static List<Instruction> of(RawDockerfile dockerfile, BuildPlan plan, int index) {
        return walk(dockerfile, plan, index).instructions();
    }

    private static Walk walk(RawDockerfile dockerfile, BuildPlan plan, int index) {
        PlannedStage stage = plan.stage(index);
        Map<String, String> scope = new LinkedHashMap<>(stage.base() instanceof StageBase.Stage parent
                ? walk(dockerfile, plan, parent.index()).finalScope() : Map.of());
        ShellLex lex = new ShellLex(dockerfile.escape());
        Iterator<ArgValue> argValues = stage.args().iterator();
        List<Instruction> out = new ArrayList<>();
        for (RawInstruction raw : stageInstructions(dockerfile, index)) {
            Instruction expanded = Instructions.of(dockerfile.file(), raw).expand(lex.expander(VariableScope.of(scope)));
            if (expanded instanceof Arg arg) {
                for (KeyValue ignored : arg.args()) {
                    ArgValue value = argValues.hasNext() ? argValues.next() : null;
                    if (value != null && value.value() != null) {
                        scope.put(value.name(), value.value());
                    }
                }
            } else if (expanded instanceof Env env) {
                env.pairs().forEach(p -> scope.put(p.key(), p.value()));
            }
            out.add(expanded);
        }
        return new Walk(out, scope);
    }

    /** The FROM that starts stage {@code index}. */
    static RawInstruction from(RawDockerfile dockerfile, int index) {
        int stage = -1;
        for (RawInstruction raw : dockerfile.instructions()) {
            if (raw.keyword().toLowerCase(Locale.ROOT).equals("from") && ++stage == index) {
                return raw;
            }
        }
        throw new IllegalArgumentException("the Dockerfile has no stage " + index);
    }

    private static List<RawInstruction> stageInstructions(RawDockerfile dockerfile, int index) {
        List<RawInstruction> out = new ArrayList<>();
        int stage = -1;
        for (RawInstruction raw : dockerfile.instructions()) {
            if (raw.keyword().toLowerCase(Locale.ROOT).equals("from")) {
                stage++;
            } else if (stage == index) {
                out.add(raw);
            }
        }
        return out;
    }
}
