package dev.stagefarm.agent.translation;

import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.stage.HeredocFile;
import dev.stagefarm.agent.stage.StageStep;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The argv of a RUN, with BuildKit's heredoc rules: a RUN made of one heredoc runs the body with
 * the shell ({@code sh -c <body>}), or, when the body starts with {@code #!}, as an executable
 * script mounted read-only at {@code /dev/pipes/<name>}; any other heredoc use hands the whole
 * reconstituted text to the shell.
 *
 * @param script the file to mount for the shebang case
 */
public record RunCommand(List<String> argv, Optional<HeredocFile> script) {

    /** Where BuildKit mounts a shebang heredoc script. */
    public static final String SCRIPT_DIR = "/dev/pipes/";

    private static final Pattern HEREDOC_WORD = Pattern.compile("\\d*<<-?(\"[^\"]*\"|'[^']*'|[^\\s\"'<>|&;]+)");

    public RunCommand {
        argv = List.copyOf(argv);
    }

    /** Translates {@code run} under {@code config}'s SHELL. */
    public static RunCommand of(ImageConfig config, StageStep.Run run) {
        if (run.heredocs().isEmpty()) {
            return new RunCommand(ConfigRules.commandLine(config, run.command(), run.shellForm()), Optional.empty());
        }
        String written = String.join(" ", run.command()).strip();
        HeredocFile first = run.heredocs().get(0);
        if (run.heredocs().size() == 1 && HEREDOC_WORD.matcher(written).matches()) {
            if (first.content().startsWith("#!")) {
                return new RunCommand(List.of(SCRIPT_DIR + first.name()), Optional.of(first));
            }
            return new RunCommand(ConfigRules.commandLine(config, List.of(first.content()), true), Optional.empty());
        }
        StringBuilder full = new StringBuilder(written);
        for (HeredocFile file : run.heredocs()) {
            full.append('\n').append(file.content()).append(file.name());
        }
        return new RunCommand(ConfigRules.commandLine(config, List.of(full.toString()), true), Optional.empty());
    }
}
