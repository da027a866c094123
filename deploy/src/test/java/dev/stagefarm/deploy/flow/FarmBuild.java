package dev.stagefarm.deploy.flow;

import dev.stagefarm.deploy.local.Command;
import dev.stagefarm.deploy.local.CommandResult;
import dev.stagefarm.deploy.local.DockerHost;
import dev.stagefarm.deploy.local.LocalFarm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/stagefarm build …} as a user runs it against the local farm. {@code --load} loads
 * into the daemon named by {@code DOCKER_HOST}; the local farm has no default daemon, so the
 * build names one of its build hosts.
 */
record FarmBuild(Path context, DockerHost loadInto, Map<String, String> environment) {

    private static final Pattern BUILD_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    FarmBuild {
        environment = Map.copyOf(environment);
    }

    static FarmBuild in(Path context, DockerHost loadInto) {
        return new FarmBuild(context, loadInto, Map.of());
    }

    static Path example(String name) {
        return LocalFarm.checkout().resolve("examples").resolve(name);
    }

    CommandResult run(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(LocalFarm.checkout().resolve("bin/stagefarm").toString());
        argv.add("build");
        if (List.of(args).stream().noneMatch(a -> a.startsWith("--progress"))) {
            argv.add("--progress=plain");
        }
        argv.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(environment);
        env.put("DOCKER_HOST", loadInto.uri());
        return Command.of(context, TIMEOUT, argv.toArray(String[]::new)).withEnvironment(env).run();
    }

    /** The build id {@code --detach} printed: the last id in the output (progress bars come before it). */
    static String buildId(String output) {
        Matcher id = BUILD_ID.matcher(output);
        String last = null;
        while (id.find()) {
            last = id.group();
        }
        if (last == null) {
            throw new AssertionError("no build id in: " + output);
        }
        return last;
    }
}
