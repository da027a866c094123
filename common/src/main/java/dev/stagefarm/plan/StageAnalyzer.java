package dev.stagefarm.plan;

import dev.stagefarm.dockerfile.shell.ShellLex;
import dev.stagefarm.dockerfile.shell.VariableScope;
import dev.stagefarm.dockerfile.syntax.Heredoc;
import dev.stagefarm.dockerfile.syntax.RawInstruction;
import dev.stagefarm.failure.StagefarmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks one stage's instructions in order with its ARG/ENV scope, as BuildKit's dispatch does:
 * the scope starts from the base stage's final scope (or empty for an image, whose own ENV is
 * not known before it is pulled), ARG takes a build arg, else its expanded default, else the
 * global value; ENV expands all its pairs with the scope before the instruction. COPY/ADD
 * sources and the instructions BuildKit expands are expanded with the current scope.
 *
 * <p>Not thread-safe: one instance per planning run.
 */
final class StageAnalyzer {
    private static final java.util.regex.Pattern HEREDOC_WORD = java.util.regex.Pattern.compile("[0-9]*<<.*");
    private static final Set<String> EXPANDED = Set.of("WORKDIR", "USER", "STOPSIGNAL", "VOLUME", "EXPOSE");

    private final String file;
    private final ShellLex lex;
    private final VariableScope globals;
    private final Map<String, String> buildArgs;

    StageAnalyzer(String file, ShellLex lex, VariableScope globals, Map<String, String> buildArgs) {
        this.file = file;
        this.lex = lex;
        this.globals = globals;
        this.buildArgs = buildArgs;
    }

    StageWalk walk(List<StageCommand> commands, Map<String, String> inherited, Set<Integer> referencePositions) {
        Map<String, String> scope = new LinkedHashMap<>(inherited);
        List<StageStep> steps = new ArrayList<>(commands.size());
        List<ContextSource> context = new ArrayList<>();
        List<ArgValue> args = new ArrayList<>();
        Map<Integer, List<String>> expandedPaths = new HashMap<>();
        for (int position = 0; position < commands.size(); position++) {
            StageCommand command = commands.get(position);
            try {
                steps.add(step(command, scope, args, context, expandedPaths, position,
                        referencePositions.contains(position)));
            } catch (StagefarmException e) {
                return result(steps, context, args, scope, expandedPaths, PlanFailure.relocate(e, file, command.line()),
                        position);
            }
        }
        return result(steps, context, args, scope, expandedPaths, null, -1);
    }

    private static StageWalk result(List<StageStep> steps, List<ContextSource> context, List<ArgValue> args,
            Map<String, String> scope, Map<Integer, List<String>> expandedPaths, StagefarmException failure,
            int position) {
        return new StageWalk(List.copyOf(steps), List.copyOf(context), List.copyOf(args),
                Collections.unmodifiableMap(new LinkedHashMap<>(scope)), Map.copyOf(expandedPaths), failure, position);
    }

    private StageStep step(StageCommand command, Map<String, String> scope, List<ArgValue> args,
            List<ContextSource> context, Map<Integer, List<String>> expandedPaths, int position, boolean reference) {
        RawInstruction instruction = command.instruction();
        List<String> words = new ArrayList<>();
        VariableScope current = new MapScope(scope);
        switch (command.keyword()) {
            case "ARG" -> {
                for (ArgDeclaration declaration : ArgDeclaration.of(instruction.args())) {
                    String value = argValue(declaration, scope);
                    args.add(new ArgValue(declaration.name(), value));
                    if (value != null) {
                        scope.put(declaration.name(), value);
                        words.add(declaration.name() + "=" + value);
                    } else {
                        words.add(declaration.name());
                    }
                }
            }
            case "ENV", "LABEL" -> {
                List<String> pairs = new ArrayList<>();
                List<String> raw = instruction.args();
                for (int i = 0; i + 1 < raw.size(); i += 3) {
                    pairs.add(lex.word(raw.get(i), current));
                    pairs.add(lex.word(raw.get(i + 1), current));
                }
                for (int i = 0; i < pairs.size(); i += 2) {
                    words.add(pairs.get(i) + "=" + pairs.get(i + 1));
                    if (command.keyword().equals("ENV")) {
                        scope.put(pairs.get(i), pairs.get(i + 1));
                    }
                }
            }
            case "COPY", "ADD" -> words.addAll(copyWords(command, current, context, expandedPaths, position, reference));
            case "RUN" -> {
                words.addAll(instruction.flags());
                words.addAll(instruction.args());
            }
            case "ONBUILD" -> {
                RawInstruction trigger = instruction.onbuild();
                if (trigger != null) {
                    words.add(DockerfileLayout.keyword(trigger));
                    words.addAll(trigger.flags());
                    words.addAll(trigger.args());
                }
            }
            default -> {
                words.addAll(instruction.flags());
                for (String arg : instruction.args()) {
                    words.add(EXPANDED.contains(command.keyword()) ? lex.word(arg, current) : arg);
                }
            }
        }
        for (Heredoc heredoc : instruction.heredocs()) {
            words.add("<<" + heredoc.name() + (heredoc.chomp() ? "-" : "") + (heredoc.expand() ? "" : "'"));
            words.add(heredoc.content());
        }
        return new StageStep(command.line(), command.keyword(), words, command.fromOnbuild());
    }

    /** BuildKit's dispatchArg: a build arg wins, then the default, then the global of the same name. */
    private String argValue(ArgDeclaration declaration, Map<String, String> scope) {
        if (buildArgs.containsKey(declaration.name())) {
            return buildArgs.get(declaration.name());
        }
        if (declaration.defaultValue() != null) {
            return lex.word(declaration.defaultValue(), new MapScope(scope));
        }
        return globals.valueOf(declaration.name());
    }

    private List<String> copyWords(StageCommand command, VariableScope current, List<ContextSource> context,
            Map<Integer, List<String>> expandedPaths, int position, boolean reference) {
        RawInstruction instruction = command.instruction();
        List<String> words = new ArrayList<>();
        for (String flag : instruction.flags()) {
            words.add(flag.startsWith("--from=") ? flag : expandFlag(flag, current));
        }
        List<String> args = instruction.args();
        List<String> fromPaths = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            boolean source = i < args.size() - 1;
            if (source && isHeredoc(arg, instruction)) {
                words.add(arg);
                continue;
            }
            String expanded = lex.word(arg, current);
            words.add(expanded);
            if (!source) {
                continue;
            }
            if (reference) {
                fromPaths.add(expanded);
            } else if (!isRemote(expanded)) {
                context.add(new ContextSource(arg, expanded, command.line()));
            }
        }
        if (reference) {
            expandedPaths.put(position, fromPaths);
        }
        return words;
    }

    private String expandFlag(String flag, VariableScope current) {
        int eq = flag.indexOf('=');
        return eq < 0 ? flag : flag.substring(0, eq + 1) + lex.word(flag.substring(eq + 1), current);
    }

    private static boolean isHeredoc(String arg, RawInstruction instruction) {
        return !instruction.heredocs().isEmpty() && HEREDOC_WORD.matcher(arg).matches();
    }

    private static boolean isRemote(String source) {
        return source.startsWith("http://") || source.startsWith("https://") || source.startsWith("git@")
                || source.startsWith("git://");
    }
}
