package dev.stagefarm.plan;

import dev.stagefarm.dockerfile.shell.ShellLex;
import dev.stagefarm.dockerfile.shell.VariableScope;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resolves every COPY --from and RUN --mount from= of every stage, as BuildKit does when it
 * builds the dependency graph (for all stages, whatever the target):
 * <ul>
 *   <li>COPY --from is never expanded; a value that expansion would change is an error;
 *   <li>an integer is a stage index (out of range is an error);
 *   <li>otherwise a stage name over ALL stages, case-insensitive, the last duplicate winning;
 *   <li>otherwise an external image;
 *   <li>RUN --mount from= is looked up by name only, otherwise an image.
 * </ul>
 */
final class ReferenceResolver {
    private static final Pattern INDEX = Pattern.compile("[+-]?[0-9]{1,9}");

    private final String file;
    private final ShellLex lex;
    private final int stageCount;
    private final Map<String, Integer> lastByName = new HashMap<>();

    ReferenceResolver(String file, ShellLex lex, List<StageSource> stages) {
        this.file = file;
        this.lex = lex;
        this.stageCount = stages.size();
        for (StageSource stage : stages) {
            if (stage.name() != null) {
                lastByName.put(stage.name(), stage.index());
            }
        }
    }

    List<Reference> references(List<StageCommand> commands) {
        List<Reference> out = new ArrayList<>();
        for (int position = 0; position < commands.size(); position++) {
            StageCommand command = commands.get(position);
            if (command.keyword().equals("COPY")) {
                String from = command.flag("from");
                if (from != null) {
                    out.add(copyReference(position, command, from));
                }
            } else if (command.keyword().equals("RUN")) {
                for (String value : command.flags("mount")) {
                    MountFlag mount = MountFlag.parse(value);
                    if (mount.from() != null) {
                        Integer stage = lastByName.get(mount.from().toLowerCase(java.util.Locale.ROOT));
                        out.add(new Reference(position, command.line(), true, mount.from(),
                                stage == null ? -1 : stage, List.of(mount.source()), mount.target()));
                    }
                }
            }
        }
        return out;
    }

    private Reference copyReference(int position, StageCommand command, String from) {
        checkNotExpanded(command, from);
        List<String> args = command.instruction().args();
        if (args.size() < 2) {
            throw PlanFailure.at(FailureCode.DOCKERFILE_INSTRUCTION, file, command.line(),
                    "COPY requires at least two arguments, but only " + args.size() + " provided");
        }
        List<String> sources = args.subList(0, args.size() - 1);
        int stage;
        if (INDEX.matcher(from).matches()) {
            int index = Integer.parseInt(from);
            if (index < 0 || index >= stageCount) {
                throw PlanFailure.at(FailureCode.UNKNOWN_STAGE, file, command.line(), "invalid stage index " + index);
            }
            stage = index;
        } else {
            Integer named = lastByName.get(from.toLowerCase(java.util.Locale.ROOT));
            stage = named == null ? -1 : named;
        }
        return new Reference(position, command.line(), false, from, stage, sources, null);
    }

    private void checkNotExpanded(StageCommand command, String from) {
        String expanded;
        try {
            expanded = lex.word(from, VariableScope.empty());
        } catch (StagefarmException e) {
            throw PlanFailure.relocate(e, file, command.line());
        }
        if (!expanded.equals(from)) {
            throw PlanFailure.at(FailureCode.VARIABLE_EXPANSION, file, command.line(),
                    "variable expansion is not supported for --from, define a new stage with FROM using ARG "
                            + "from global scope as a workaround");
        }
    }
}
