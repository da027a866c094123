package dev.stagefarm.cli;

import dev.stagefarm.dockerfile.syntax.AstDump;
import dev.stagefarm.dockerfile.syntax.RawDockerfile;
import dev.stagefarm.dockerfile.syntax.RawDockerfileJson;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stagefarm parse}: prints the raw syntax tree of Dockerfiles, as the contract's JSON
 * (one object per line and file) or as BuildKit's AST dump.
 *
 * <p>A file that fails to parse is reported (JSON: an {@code error} object on its line; always
 * {@code FILE:LINE: message} on stderr) and the others are still parsed; the exit code is then
 * non-zero.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Print the raw syntax tree of Dockerfiles (as BuildKit's parser reads them).")
public final class ParseCommand implements Callable<Integer> {

    enum Format { json, dump }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "json", description = "json (default) or dump (BuildKit's AST dump)")
    Format format;

    @Option(names = "--dump-dir", paramLabel = "DIR",
            description = "also write the dump of the N-th file (from 0) to DIR/N.dump; with --format dump, "
                    + "instead of printing it")
    Path dumpDir;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Dockerfiles to parse")
    List<String> files;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (dumpDir != null) {
            Files.createDirectories(dumpDir);
        }
        int exit = 0;
        for (int index = 0; index < files.size(); index++) {
            String file = files.get(index);
            try {
                RawDockerfile dockerfile = DockerfileArgument.read(file);
                if (dumpDir != null) {
                    Files.writeString(dumpDir.resolve(index + ".dump"), AstDump.render(dockerfile), StandardCharsets.UTF_8);
                }
                if (format == Format.json) {
                    out.println(RawDockerfileJson.render(file, dockerfile));
                } else if (dumpDir == null) {
                    out.print(AstDump.render(dockerfile));
                }
            } catch (StagefarmException e) {
                exit = Math.max(exit, e.code().exitCode());
                if (format == Format.json) {
                    out.println(RawDockerfileJson.renderError(file, e));
                }
                err.println(FailureLine.of(file, e));
            }
            out.flush();
        }
        return exit;
    }
}
