package dev.stagefarm.cli;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.plan.BuildPlan;
import dev.stagefarm.plan.PlanOptions;
import dev.stagefarm.plan.Planner;
import dev.stagefarm.plan.Platform;
import dev.stagefarm.plan.render.PlanDot;
import dev.stagefarm.plan.render.PlanJson;
import dev.stagefarm.plan.render.PlanText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stagefarm plan}: the stages a target needs, their dependencies and the waves in which
 * they can run, as the contract's JSON, a readable tree, or Graphviz DOT.
 *
 * <p>Several {@code -f} files are planned in one run (for conformance checks): with
 * {@code --out-dir}, the N-th file's output goes to {@code DIR/N.out}; otherwise one after the
 * other on stdout. Failures print {@code FILE:LINE: message} on stderr and the exit code is the
 * failure's ({@link FailureCode#exitCode()}), after all files.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show the stages a build needs, their dependencies and what runs in parallel.")
public final class PlanCommand implements Callable<Integer> {

    enum Format { json, text, dot }

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "DOCKERFILE", defaultValue = "Dockerfile",
            description = "Dockerfile to plan (default: ./Dockerfile); repeat to plan several")
    List<String> files;

    @Option(names = "--target", paramLabel = "STAGE", description = "stage to build (default: the last one)")
    String target;

    @Option(names = "--build-arg", paramLabel = "NAME=VALUE", description = "build-time variable (repeatable)")
    List<String> buildArgs = List.of();

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "target platform (default linux/amd64)")
    String platform;

    @Option(names = "--all-targets", description = "also list, for every named stage, the stages it needs")
    boolean allTargets;

    @Option(names = "--format", defaultValue = "text", description = "text (default), json or dot")
    Format format;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "write the N-th file's output to DIR/N.out")
    Path outDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PlanOptions options;
        try {
            options = new PlanOptions(target, parseBuildArgs(buildArgs),
                    platform == null ? null : Platform.parse(platform), allTargets);
        } catch (StagefarmException e) {
            err.println("stagefarm plan: " + e.getMessage());
            return e.code().exitCode();
        }
        if (outDir != null) {
            Files.createDirectories(outDir);
        }
        int exit = 0;
        for (int index = 0; index < files.size(); index++) {
            String file = files.get(index);
            try {
                String rendered = render(Planner.plan(DockerfileArgument.read(file), options));
                if (outDir != null) {
                    Files.writeString(outDir.resolve(index + ".out"), rendered, StandardCharsets.UTF_8);
                } else {
                    out.print(rendered);
                }
            } catch (StagefarmException e) {
                exit = Math.max(exit, e.code().exitCode());
                err.println(FailureLine.of(file, e));
            }
            out.flush();
        }
        err.flush();
        return exit;
    }

    private String render(BuildPlan plan) {
        return switch (format) {
            case json -> PlanJson.render(plan, allTargets);
            case dot -> PlanDot.render(plan);
            case text -> String.join("\n", PlanText.render(plan, allTargets)) + "\n";
        };
    }

    static Map<String, String> parseBuildArgs(List<String> values) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String value : values) {
            int eq = value.indexOf('=');
            if (eq <= 0) {
                throw new StagefarmException(FailureCode.BAD_BUILD_ARG, "--build-arg " + value, 0,
                        "invalid --build-arg \"" + value + "\": expected NAME=VALUE");
            }
            args.put(value.substring(0, eq), value.substring(eq + 1));
        }
        return args;
    }
}
