package dev.stagefarm.agent.translation;

import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.stage.KeyValue;
import dev.stagefarm.agent.stage.StageStep;
import dev.stagefarm.archive.SlashPath;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.ArrayList;
import java.util.List;

/**
 * How each instruction changes the accumulated {@link BuildState}, following the rules that
 * {@code docker build} applies to the image config. Pure; RUN and COPY leave the config as it is.
 */
public final class ConfigRules {

    private ConfigRules() {
    }

    /** The state after {@code step}. */
    public static BuildState apply(BuildState state, StageStep step) {
        ImageConfig config = state.config();
        if (step instanceof StageStep.Env env) {
            for (KeyValue pair : env.pairs()) {
                config = config.withEnv(pair.key(), pair.value());
            }
            return state.withConfig(config);
        }
        if (step instanceof StageStep.Arg arg) {
            return state.withArg(arg.name(), arg.value());
        }
        if (step instanceof StageStep.Label label) {
            for (KeyValue pair : label.pairs()) {
                config = config.withLabel(pair.key(), pair.value());
            }
            return state.withConfig(config);
        }
        if (step instanceof StageStep.Cmd cmd) {
            return state.withCmdSet(config.withCmd(commandLine(config, cmd.command(), cmd.shellForm())));
        }
        if (step instanceof StageStep.Entrypoint ep) {
            // Both builders drop an inherited CMD when ENTRYPOINT changes, unless this stage set CMD itself.
            ImageConfig next = config.withEntrypoint(commandLine(config, ep.command(), ep.shellForm()));
            return state.withConfig(state.cmdSetInStage() ? next : next.withCmd(List.of()));
        }
        if (step instanceof StageStep.Workdir wd) {
            return state.withConfig(config.withWorkingDir(joinWorkdir(config.workingDir(), wd.path())));
        }
        if (step instanceof StageStep.User user) {
            return state.withConfig(config.withUser(user.user()));
        }
        if (step instanceof StageStep.Expose expose) {
            for (String port : expose.ports()) {
                for (String one : exposedPorts(port, expose.line())) {
                    config = config.withExposedPort(one);
                }
            }
            return state.withConfig(config);
        }
        if (step instanceof StageStep.Volume volume) {
            for (String path : volume.paths()) {
                if (path.isBlank()) {
                    throw new StagefarmException(FailureCode.DOCKERFILE_INSTRUCTION, "Dockerfile:" + volume.line(),
                            volume.line(), "VOLUME specified can not be an empty string");
                }
                config = config.withVolume(path);
            }
            return state.withConfig(config);
        }
        if (step instanceof StageStep.HealthcheckStep hc) {
            return state.withConfig(config.withHealthcheck(hc.healthcheck()));
        }
        if (step instanceof StageStep.StopSignal sig) {
            return state.withConfig(config.withStopSignal(sig.signal()));
        }
        if (step instanceof StageStep.OnBuild onBuild) {
            return state.withConfig(config.withOnBuild(onBuild.trigger()));
        }
        if (step instanceof StageStep.Shell shell) {
            return state.withConfig(config.withShell(shell.shell()));
        }
        // RUN and COPY/ADD change the file system only.
        return state;
    }

    /** A CMD/ENTRYPOINT/RUN command: exec form as is, shell form prefixed with the SHELL. */
    public static List<String> commandLine(ImageConfig config, List<String> command, boolean shellForm) {
        if (!shellForm) {
            return command;
        }
        List<String> argv = new ArrayList<>(config.effectiveShell());
        argv.add(String.join(" ", command));
        return argv;
    }

    /** WORKDIR: a relative path joins the current one; the result is a clean absolute path. */
    public static String joinWorkdir(String current, String path) {
        String base = current == null || current.isEmpty() ? "/" : current;
        String joined = path.startsWith("/") ? path : base + "/" + path;
        return cleanPath(joined);
    }

    /** Lexical clean of an absolute path as Go's {@code path.Clean} does. */
    public static String cleanPath(String path) {
        return SlashPath.absolute(path);
    }

    /** EXPOSE port specs as the config keys them: {@code 80/tcp}; ranges become one key per port. */
    static List<String> exposedPorts(String spec, int line) {
        String proto = "tcp";
        String ports = spec;
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            proto = spec.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
            ports = spec.substring(0, slash);
        }
        try {
            int dash = ports.indexOf('-');
            int first = Integer.parseInt(dash < 0 ? ports : ports.substring(0, dash));
            int last = dash < 0 ? first : Integer.parseInt(ports.substring(dash + 1));
            if (first < 0 || last > 65535 || last < first) {
                throw new NumberFormatException(spec);
            }
            List<String> result = new ArrayList<>();
            for (int port = first; port <= last; port++) {
                result.add(port + "/" + proto);
            }
            return result;
        } catch (NumberFormatException e) {
            throw new StagefarmException(FailureCode.DOCKERFILE_INSTRUCTION, "Dockerfile:" + line, line,
                    "invalid EXPOSE port: " + spec);
        }
    }
}
