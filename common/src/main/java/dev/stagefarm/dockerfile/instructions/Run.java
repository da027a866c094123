package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;
import dev.stagefarm.dockerfile.syntax.Heredoc;
import java.util.ArrayList;
import java.util.List;

/**
 * RUN: the command ({@code prependShell} true for the shell form), its heredocs, its mounts,
 * network mode ({@code default}, {@code none}, {@code host}) and security mode
 * ({@code sandbox}, {@code insecure}).
 *
 * <p>{@code mountSpecs} are the raw {@code --mount} values. Before {@link #expand},
 * {@code mounts} hold only what BuildKit reads without expansion (the {@code from} stage and
 * read-only flags; every mount looks like a bind mount); after it, every option.
 */
public record Run(Source source, List<String> command, boolean prependShell, List<Heredoc> heredocs,
        List<String> mountSpecs, List<RunMount> mounts, String network, String security) implements Instruction {

    public Run {
        command = List.copyOf(command);
        heredocs = List.copyOf(heredocs);
        mountSpecs = List.copyOf(mountSpecs);
        mounts = List.copyOf(mounts);
    }

    /** Expands and fully validates the mount options; the command itself is left to the shell. */
    @Override
    public Run expand(WordExpander expander) {
        return new Run(source, command, prependShell, heredocs, mountSpecs, mounts(mountSpecs, expander, source),
                network, security);
    }

    static List<RunMount> mounts(List<String> specs, WordExpander expander, Source source) {
        List<RunMount> out = new ArrayList<>(specs.size());
        for (String spec : specs) {
            try {
                out.add(MountParser.parse(spec, expander));
            } catch (IllegalArgumentException e) {
                throw source.error(e.getMessage());
            }
        }
        return out;
    }
}
