package dev.stagefarm.plan;

import dev.stagefarm.dockerfile.shell.ShellLex;
import dev.stagefarm.dockerfile.shell.VariableScope;
import dev.stagefarm.dockerfile.syntax.RawInstruction;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables FROM lines see, and that a stage's bare {@code ARG NAME} picks up: first the
 * automatic platform ARGs and {@code TARGETSTAGE} (each overridable by {@code --build-arg}),
 * then the global ARGs in order, each default expanded with the ARGs before it, a
 * {@code --build-arg} replacing the default. A global ARG without default or build arg stays
 * unset. This is BuildKit's {@code defaultArgs} followed by {@code buildMetaArgs}.
 */
final class GlobalScope {
    /** The platform of the machine running the build; the farm's agents are linux/amd64. */
    static final Platform BUILD_PLATFORM = Platform.DEFAULT;

    private GlobalScope() {
    }

    static Map<String, String> automatic(Platform target, String targetStage, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("BUILDPLATFORM", BUILD_PLATFORM.toString());
        values.put("BUILDOS", BUILD_PLATFORM.os());
        values.put("BUILDOSVERSION", "");
        values.put("BUILDARCH", BUILD_PLATFORM.architecture());
        values.put("BUILDVARIANT", BUILD_PLATFORM.variant());
        values.put("TARGETPLATFORM", target.toString());
        values.put("TARGETOS", target.os());
        values.put("TARGETOSVERSION", "");
        values.put("TARGETARCH", target.architecture());
        values.put("TARGETVARIANT", target.variant());
        values.put("TARGETSTAGE", targetStage == null ? "" : targetStage);
        values.replaceAll((k, v) -> overrides.getOrDefault(k, v));
        return values;
    }

    static VariableScope of(String file, List<RawInstruction> metaArgs, ShellLex lex, Platform target,
            String targetStage, Map<String, String> buildArgs) {
        Map<String, String> values = automatic(target, targetStage, buildArgs);
        for (RawInstruction instruction : metaArgs) {
            for (ArgDeclaration arg : ArgDeclaration.of(instruction.args())) {
                String value;
                if (buildArgs.containsKey(arg.name())) {
                    value = buildArgs.get(arg.name());
                } else if (arg.defaultValue() != null) {
                    value = expand(file, instruction.startLine(), lex, arg.defaultValue(), values);
                } else {
                    continue;
                }
                values.remove(arg.name());
                values.put(arg.name(), value);
            }
        }
        return VariableScope.of(values);
    }

    private static String expand(String file, int line, ShellLex lex, String word, Map<String, String> values) {
        try {
            return lex.word(word, new MapScope(values));
        } catch (StagefarmException e) {
            throw PlanFailure.at(FailureCode.VARIABLE_EXPANSION, file, line, e.getMessage());
        }
    }
}
