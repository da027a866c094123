package dev.stagefarm.cli.build;

import dev.stagefarm.api.BuildRequest;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps {@code docker build} flags to the coordinator's build request, with docker's meanings:
 * {@code --build-arg K} takes K from the environment (and is left out when it is not set there),
 * {@code --label K} is an empty label, {@code --push} is {@code type=image,push=true} (and, as
 * for buildx, needs a {@code -t} naming where to push), {@code --load} is {@code type=docker}.
 * Pure: the environment is a parameter.
 */
public final class BuildRequests {
    // Docker's reference grammar (distribution/reference), enough to refuse what a registry would.
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern REFERENCE = Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?/)?"
            + COMPONENT + "(?:/" + COMPONENT + ")*(?::[\\w][\\w.-]{0,127})?");
    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9]+/[a-z0-9_]+(?:/[a-z0-9]+)?");

    private BuildRequests() {
    }

    /** The request; {@code dockerfile} is the Dockerfile's path inside the context. */
    public static BuildRequest of(BuildFlags flags, String contextDigest, String dockerfile, Map<String, String> env) {
        for (String tag : flags.tags()) {
            if (!REFERENCE.matcher(tag).matches() || tag.length() > 255) {
                throw new StagefarmException(FailureCode.BAD_REQUEST, "--tag " + tag, 0,
                        "invalid tag `" + tag + "`: expected name[:tag] in lowercase, e.g. registry:5000/team/app:1.0");
            }
        }
        String platform = flags.platform();
        if (platform != null && !PLATFORM.matcher(platform).matches()) {
            throw new StagefarmException(FailureCode.BAD_PLATFORM, "--platform " + platform, 0,
                    "invalid platform `" + platform + "`: expected one os/arch[/variant], e.g. linux/amd64");
        }
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : flags.buildArgs()) {
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg : arg.substring(0, eq);
            if (key.isBlank()) {
                throw new StagefarmException(FailureCode.BAD_BUILD_ARG, "--build-arg " + arg, 0,
                        "invalid --build-arg `" + arg + "`: expected NAME=VALUE or NAME");
            }
            if (eq >= 0) {
                args.put(key, arg.substring(eq + 1));
            } else if (env.containsKey(key)) {
                args.put(key, env.get(key));
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String label : flags.labels()) {
            int eq = label.indexOf('=');
            String key = eq < 0 ? label : label.substring(0, eq);
            if (key.isBlank()) {
                throw new StagefarmException(FailureCode.BAD_REQUEST, "--label " + label, 0,
                        "invalid --label `" + label + "`: expected NAME=VALUE");
            }
            labels.put(key, eq < 0 ? "" : label.substring(eq + 1));
        }
        List<String> outputs = new ArrayList<>();
        for (OutputSpec spec : outputs(flags)) {
            if (spec.pushes() && flags.tags().isEmpty()) {
                // As buildx: the tags name the registry and repository; without one there is nowhere to push.
                throw new StagefarmException(FailureCode.BAD_REQUEST, flags.push() ? "--push" : "--output "
                        + spec.forCoordinator(), 0, "a push needs a tag naming the registry and repository: add "
                        + "-t REGISTRY/NAME:TAG (e.g. -t 127.0.0.1:5000/team/app:1)");
            }
            String wire = spec.forCoordinator();
            if (!outputs.contains(wire)) {
                outputs.add(wire);
            }
        }
        return new BuildRequest(contextDigest, dockerfile, flags.target(), args, platform, flags.tags(), outputs,
                flags.noCache(), labels);
    }

    /** Every output the flags ask for, {@code --push} and {@code --load} included. */
    public static List<OutputSpec> outputs(BuildFlags flags) {
        List<OutputSpec> specs = new ArrayList<>();
        flags.outputs().forEach(text -> specs.add(OutputSpec.parse(text)));
        if (flags.push()) {
            specs.add(OutputSpec.parse("type=image,push=true"));
        }
        if (flags.load()) {
            specs.add(OutputSpec.parse("type=docker"));
        }
        return specs;
    }
}
