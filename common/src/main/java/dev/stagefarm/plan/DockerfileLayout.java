package dev.stagefarm.plan;

import dev.stagefarm.dockerfile.syntax.RawDockerfile;
import dev.stagefarm.dockerfile.syntax.RawInstruction;
import dev.stagefarm.failure.FailureCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Splits a Dockerfile into its global ARGs and its stages, checking what BuildKit's instruction
 * parser checks at this level: known keywords, nothing but ARG before the first FROM, the FROM
 * line's shape and the stage name.
 *
 * @param metaArgs the ARG instructions before the first FROM
 * @param stages the stages in file order
 */
record DockerfileLayout(List<RawInstruction> metaArgs, List<StageSource> stages) {

    static final Set<String> KEYWORDS = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
            "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME",
            "WORKDIR");
    /** The parser gives keywords in lower case: map them to the shared upper-case constants. */
    private static final Map<String, String> UPPER = KEYWORDS.stream()
            .collect(Collectors.toUnmodifiableMap(k -> k.toLowerCase(Locale.ROOT), k -> k));
    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");

    static DockerfileLayout of(RawDockerfile file) {
        List<RawInstruction> metaArgs = new ArrayList<>();
        List<StageSource> stages = new ArrayList<>();
        RawInstruction from = null;
        List<RawInstruction> body = new ArrayList<>();
        for (RawInstruction instruction : file.instructions()) {
            String keyword = keyword(instruction);
            checkKnown(file.file(), instruction, keyword);
            if (keyword.equals("FROM")) {
                if (from != null) {
                    stages.add(stage(file.file(), stages.size(), from, body));
                }
                from = instruction;
                body = new ArrayList<>();
            } else if (from != null) {
                body.add(instruction);
            } else if (keyword.equals("ARG")) {
                metaArgs.add(instruction);
            } else {
                throw PlanFailure.at(FailureCode.DOCKERFILE_INSTRUCTION, file.file(), instruction.startLine(),
                        "no build stage in current context: " + keyword + " before the first FROM");
            }
        }
        if (from == null) {
            throw PlanFailure.at(FailureCode.DOCKERFILE_INSTRUCTION, file.file(), 0,
                    "dockerfile contains no stages to build");
        }
        stages.add(stage(file.file(), stages.size(), from, body));
        return new DockerfileLayout(List.copyOf(metaArgs), List.copyOf(stages));
    }

    static String keyword(RawInstruction instruction) {
        String keyword = instruction.keyword();
        String known = UPPER.get(keyword);
        return known != null ? known : keyword.toUpperCase(Locale.ROOT);
    }

    static void checkKnown(String file, RawInstruction instruction, String keyword) {
        if (!KEYWORDS.contains(keyword)) {
            throw PlanFailure.at(FailureCode.DOCKERFILE_INSTRUCTION, file, instruction.startLine(),
                    "unknown instruction: " + instruction.keyword());
        }
        if (keyword.equals("ONBUILD") && instruction.onbuild() != null) {
            String nested = keyword(instruction.onbuild());
            if (nested.equals("ONBUILD") || nested.equals("FROM") || nested.equals("MAINTAINER")) {
                throw PlanFailure.at(FailureCode.DOCKERFILE_INSTRUCTION, file, instruction.startLine(),
                        nested + " isn't allowed as an ONBUILD trigger");
            }
            checkKnown(file, instruction.onbuild(), nested);
        }
    }

    private static StageSource stage(String file, int index, RawInstruction from, List<RawInstruction> body) {
        String platform = null;
        for (String flag : from.flags()) {
            if (flag.startsWith("--platform=")) {
                platform = flag.substring("--platform=".length());
            } else {
                throw PlanFailure.at(FailureCode.DOCKERFILE_INSTRUCTION, file, from.startLine(),
                        "unknown flag: " + flagName(flag));
            }
        }
        List<String> args = from.args();
        boolean named = args.size() == 3 && args.get(1).equalsIgnoreCase("AS");
        if (args.size() != 1 && !named) {
            throw PlanFailure.at(FailureCode.DOCKERFILE_INSTRUCTION, file, from.startLine(),
                    "FROM requires either one or three arguments");
        }
        String name = null;
        if (named) {
            name = args.get(2).toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(name).matches()) {
                throw PlanFailure.at(FailureCode.DOCKERFILE_INSTRUCTION, file, from.startLine(),
                        "invalid name for build stage: \"" + args.get(2)
                                + "\", name can't start with a number or contain symbols");
            }
        }
        return new StageSource(index, args.get(0), name, platform, from, body);
    }

    static String flagName(String flag) {
        int eq = flag.indexOf('=');
        return (eq < 0 ? flag : flag.substring(0, eq)).replaceFirst("^--", "");
    }
}
