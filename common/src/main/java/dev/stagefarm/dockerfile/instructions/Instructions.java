package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.syntax.Heredoc;
import dev.stagefarm.dockerfile.syntax.RawDockerfile;
import dev.stagefarm.dockerfile.syntax.RawInstruction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Builds typed {@link Instruction}s from the raw syntax tree, with BuildKit's argument checks,
 * flag declarations and messages ({@code instructions/parse.go}). Errors are
 * {@code DOCKERFILE_INSTRUCTION} failures naming the instruction's line. Stateless.
 */
public final class Instructions {
    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");
    private static final Pattern LEADING_ONBUILD = Pattern.compile("(?i)^\\s*ONBUILD\\s*");
    private static final Duration MINIMUM_DURATION = Duration.ofMillis(1);

    private Instructions() {
    }

    /** Every instruction of a parsed file, in order. */
    public static List<Instruction> of(RawDockerfile dockerfile) {
        List<Instruction> out = new ArrayList<>(dockerfile.instructions().size());
        for (RawInstruction raw : dockerfile.instructions()) {
            out.add(of(dockerfile.file(), raw));
        }
        return out;
    }

    /**
     * One typed instruction.
     *
     * @param file the file name used in error subjects
     * @throws dev.stagefarm.failure.StagefarmException for an unknown instruction, an unknown or
     *     invalid flag, or missing or invalid arguments
     */
    public static Instruction of(String file, RawInstruction raw) {
        Source source = new Source(file, raw.startLine(), raw.endLine(), raw.original());
        List<String> args = raw.args();
        Flags flags = new Flags(raw.flags(), source);
        return switch (raw.keyword().toLowerCase(Locale.ROOT)) {
            case "from" -> from(source, args, flags);
            case "run" -> run(source, raw, flags);
            case "copy" -> copy(source, raw, flags);
            case "add" -> add(source, raw, flags);
            case "env" -> new Env(source, pairs(source, args, "ENV", flags));
            case "label" -> new Label(source, pairs(source, args, "LABEL", flags));
            case "arg" -> arg(source, args, flags);
            case "expose" -> new Expose(source, atLeastOne(source, args, "EXPOSE", flags));
            case "volume" -> volume(source, args, flags);
            case "user" -> new User(source, exactlyOne(source, args, "USER", flags));
            case "workdir" -> new Workdir(source, exactlyOne(source, args, "WORKDIR", flags));
            case "maintainer" -> new Maintainer(source, exactlyOne(source, args, "MAINTAINER", flags));
            case "stopsignal" -> new StopSignal(source, exactlyOne(source, args, "STOPSIGNAL", flags));
            case "cmd" -> {
                flags.parse();
                yield new Cmd(source, commandLine(args, raw.json()), !raw.json());
            }
            case "entrypoint" -> {
                flags.parse();
                yield new Entrypoint(source, commandLine(args, raw.json()), !raw.json());
            }
            case "shell" -> shell(source, raw, flags);
            case "healthcheck" -> healthcheck(source, raw, flags);
            case "onbuild" -> onbuild(source, raw, flags);
            default -> throw source.error("unknown instruction: " + raw.keyword().toUpperCase(Locale.ROOT));
        };
    }

    private static From from(Source source, List<String> args, Flags flags) {
        String name = null;
        if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
            name = args.get(2).toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(name).matches()) {
                throw source.error("invalid name for build stage: \"" + args.get(2)
                        + "\", name can't start with a number or contain symbols");
            }
        } else if (args.size() != 1) {
            throw source.error("FROM requires either one or three arguments");
        }
        flags.string("platform", "").parse();
        return new From(source, args.get(0), name, flags.valueOrNull("platform"));
    }

    private static Run run(Source source, RawInstruction raw, Flags flags) {
        flags.strings("mount").string("network", "default").string("security", "sandbox").parse();
        String network = flags.value("network");
        if (!List.of("default", "none", "host").contains(network)) {
            throw source.error("network " + network + " not supported");
        }
        String security = flags.value("security");
        if (!List.of("sandbox", "insecure").contains(security)) {
            throw source.error("security " + security + " is not valid");
        }
        List<String> specs = flags.values("mount");
        return new Run(source, commandLine(raw.args(), raw.json()), !raw.json(), raw.heredocs(), specs,
                Run.mounts(specs, null, source), network, security);
    }

    private static Copy copy(Source source, RawInstruction raw, Flags flags) {
        requireDestination(source, raw, "COPY");
        flags.string("from", "").string("chown", "").string("chmod", "").bool("link").bool("parents")
                .strings("exclude").parse();
        CopySources sources = sources(source, raw, "COPY");
        return new Copy(source, sources, flags.valueOrNull("from"), flags.valueOrNull("chown"),
                flags.valueOrNull("chmod"), flags.isTrue("link"), flags.isTrue("parents"), flags.values("exclude"));
    }

    private static Add add(Source source, RawInstruction raw, Flags flags) {
        requireDestination(source, raw, "ADD");
        flags.string("chown", "").string("chmod", "").string("checksum", "").bool("link").bool("keep-git-dir")
                .bool("unpack").strings("exclude").parse();
        CopySources sources = sources(source, raw, "ADD");
        return new Add(source, sources, flags.valueOrNull("chown"), flags.valueOrNull("chmod"),
                flags.valueOrNull("checksum"), flags.isTrue("link"), flags.isTrue("keep-git-dir"),
                flags.optionalBool("unpack"), flags.values("exclude"));
    }

    /**
     * BuildKit's parseSourcesAndDest: words that open heredocs become inline sources carrying
     * the heredoc's content (empty when the line opened none, as in the JSON form).
     */
    private static CopySources sources(Source source, RawInstruction raw, String command) {
        List<String> args = raw.args();
        String destination = args.get(args.size() - 1);
        if (Heredoc.openedBy(destination) != null) {
            throw source.error(command + " cannot accept a heredoc as a destination");
        }
        List<String> paths = new ArrayList<>();
        List<Heredoc> inline = new ArrayList<>();
        for (String word : args.subList(0, args.size() - 1)) {
            Heredoc opened = Heredoc.openedBy(word);
            if (opened == null) {
                paths.add(word);
                continue;
            }
            String content = raw.heredocs().stream().filter(h -> h.name().equals(opened.name()))
                    .map(Heredoc::content).findFirst().orElse("");
            inline.add(new Heredoc(opened.name(), opened.fileDescriptor(), opened.expand(), opened.chomp(), content));
        }
        return new CopySources(paths, inline, destination);
    }

    private static void requireDestination(Source source, RawInstruction raw, String command) {
        if (raw.args().size() < 2) {
            throw source.error(command + " requires at least two arguments, but only one was provided. "
                    + "Destination could not be determined");
        }
    }

    private static List<KeyValue> pairs(Source source, List<String> triples, String command, Flags flags) {
        flags.parse();
        if (triples.isEmpty()) {
            throw source.error(command + " requires at least one argument");
        }
        List<KeyValue> pairs = new ArrayList<>();
        for (int i = 0; i + 2 < triples.size(); i += 3) {
            if (triples.get(i).isEmpty()) {
                throw source.error(command + " names can not be blank");
            }
            pairs.add(new KeyValue(triples.get(i), triples.get(i + 1)));
        }
        return pairs;
    }

    private static Arg arg(Source source, List<String> args, Flags flags) {
        if (args.isEmpty()) {
            throw source.error("ARG requires at least one argument");
        }
        flags.parse();
        List<KeyValue> defs = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                defs.add(new KeyValue(arg, null));
            } else if (eq == 0) {
                throw source.error("ARG names can not be blank");
            } else {
                defs.add(new KeyValue(arg.substring(0, eq), arg.substring(eq + 1)));
            }
        }
        return new Arg(source, defs);
    }

    private static List<String> atLeastOne(Source source, List<String> args, String command, Flags flags) {
        if (args.isEmpty()) {
            throw source.error(command + " requires at least one argument");
        }
        flags.parse();
        return args;
    }

    private static Volume volume(Source source, List<String> args, Flags flags) {
        List<String> volumes = new ArrayList<>();
        for (String v : atLeastOne(source, args, "VOLUME", flags)) {
            if (v.strip().isEmpty()) {
                throw source.error("VOLUME specified can not be an empty string");
            }
            volumes.add(v.strip());
        }
        return new Volume(source, volumes);
    }

    private static String exactlyOne(Source source, List<String> args, String command, Flags flags) {
        if (args.size() != 1) {
            throw source.error(command + " requires exactly one argument");
        }
        if (!command.equals("STOPSIGNAL")) {
            flags.parse();
        }
        return args.get(0);
    }

    /** BuildKit's handleJSONArgs: the JSON elements, or the shell form as one string. */
    private static List<String> commandLine(List<String> args, boolean json) {
        if (args.isEmpty() || json) {
            return args;
        }
        return List.of(String.join(" ", args));
    }

    private static Shell shell(Source source, RawInstruction raw, Flags flags) {
        flags.parse();
        List<String> shell = commandLine(raw.args(), raw.json());
        if (shell.isEmpty()) {
            throw source.error("SHELL requires at least one argument");
        }
        if (!raw.json()) {
            throw source.error("SHELL requires the arguments to be in JSON form");
        }
        return new Shell(source, shell);
    }

    private static Healthcheck healthcheck(Source source, RawInstruction raw, Flags flags) {
        List<String> args = raw.args();
        if (args.isEmpty()) {
            throw source.error("HEALTHCHECK requires at least one argument");
        }
        String type = args.get(0).toUpperCase(Locale.ROOT);
        List<String> rest = args.subList(1, args.size());
        if (type.equals("NONE")) {
            if (!rest.isEmpty()) {
                throw source.error("HEALTHCHECK NONE takes no arguments");
            }
            return new Healthcheck(source, List.of("NONE"), null, null, null, null, null);
        }
        flags.string("interval", "").string("timeout", "").string("start-period", "")
                .string("start-interval", "").string("retries", "").parse();
        if (!type.equals("CMD")) {
            throw source.error("Unknown type \"" + type + "\" in HEALTHCHECK (try CMD)");
        }
        List<String> command = commandLine(rest, raw.json());
        if (command.isEmpty()) {
            throw source.error("Missing command after HEALTHCHECK CMD");
        }
        List<String> test = new ArrayList<>();
        test.add(raw.json() ? "CMD" : "CMD-SHELL");
        test.addAll(command);
        return new Healthcheck(source, test, interval(source, flags, "interval"), interval(source, flags, "timeout"),
                interval(source, flags, "start-period"), interval(source, flags, "start-interval"),
                retries(source, flags.value("retries")));
    }

    private static Duration interval(Source source, Flags flags, String name) {
        String value = flags.value(name);
        if (value.isEmpty()) {
            return null;
        }
        Duration d;
        try {
            d = GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw source.error(e.getMessage());
        }
        if (d.isZero()) {
            return null;
        }
        if (d.compareTo(MINIMUM_DURATION) < 0) {
            throw source.error("Interval \"" + name + "\" cannot be less than 1ms");
        }
        return d;
    }

    private static Integer retries(Source source, String value) {
        if (value.isEmpty()) {
            return null;
        }
        long retries;
        try {
            retries = Long.parseLong(value);
            if (retries < Integer.MIN_VALUE || retries > Integer.MAX_VALUE) {
                throw source.error("strconv.ParseInt: parsing \"" + value + "\": value out of range");
            }
        } catch (NumberFormatException e) {
            throw source.error("strconv.ParseInt: parsing \"" + value + "\": invalid syntax");
        }
        if (retries < 1) {
            throw source.error("--retries must be at least 1 (not " + retries + ")");
        }
        return (int) retries;
    }

    private static Onbuild onbuild(Source source, RawInstruction raw, Flags flags) {
        RawInstruction trigger = raw.onbuild();
        if (trigger == null) {
            throw source.error("ONBUILD requires at least one argument");
        }
        flags.parse();
        String keyword = trigger.keyword().toUpperCase(Locale.ROOT);
        if (keyword.equals("ONBUILD")) {
            throw source.error("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        }
        if (keyword.equals("MAINTAINER") || keyword.equals("FROM")) {
            throw source.error(keyword + " isn't allowed as an ONBUILD trigger");
        }
        String expression = LEADING_ONBUILD.matcher(raw.original()).replaceFirst("");
        return new Onbuild(source, expression, trigger, raw.heredocs());
    }
}
