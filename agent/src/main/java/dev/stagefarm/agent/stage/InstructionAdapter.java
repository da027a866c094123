package dev.stagefarm.agent.stage;

import dev.stagefarm.agent.image.Healthcheck;
import dev.stagefarm.dockerfile.instructions.Add;
import dev.stagefarm.dockerfile.instructions.Arg;
import dev.stagefarm.dockerfile.instructions.Cmd;
import dev.stagefarm.dockerfile.instructions.Copy;
import dev.stagefarm.dockerfile.instructions.Entrypoint;
import dev.stagefarm.dockerfile.instructions.Env;
import dev.stagefarm.dockerfile.instructions.Expose;
import dev.stagefarm.dockerfile.instructions.Instruction;
import dev.stagefarm.dockerfile.instructions.Label;
import dev.stagefarm.dockerfile.instructions.Onbuild;
import dev.stagefarm.dockerfile.instructions.Run;
import dev.stagefarm.dockerfile.instructions.RunMount;
import dev.stagefarm.dockerfile.instructions.Shell;
import dev.stagefarm.dockerfile.instructions.StopSignal;
import dev.stagefarm.dockerfile.instructions.User;
import dev.stagefarm.dockerfile.instructions.Volume;
import dev.stagefarm.dockerfile.instructions.Workdir;
import dev.stagefarm.dockerfile.syntax.Heredoc;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the frontend's typed instructions, already variable-expanded in the stage's scope, into
 * the executor's {@link StageStep}s. An ARG takes the build argument's value when the build
 * gives one, else its default. FROM is not a step (the stage's base) and MAINTAINER changes
 * nothing the executor keeps: both give empty. Pure.
 */
public final class InstructionAdapter {

    private final Map<String, String> buildArgs;

    public InstructionAdapter(Map<String, String> buildArgs) {
        this.buildArgs = Map.copyOf(buildArgs);
    }

    /** The executor steps of one instruction (an ARG with several names gives several). */
    public List<StageStep> steps(Instruction instruction) {
        int line = instruction.source().startLine();
        String text = instruction.source().original();
        if (instruction instanceof Run run) {
            return List.of(new StageStep.Run(line, text, run.command(), run.prependShell(),
                    run.mounts().stream().map(m -> mount(m, line)).flatMap(Optional::stream).toList(),
                    network(run.network(), line), heredocs(run.heredocs())));
        }
        if (instruction instanceof Copy copy) {
            return List.of(new StageStep.Copy(line, text, false, copy.sources().paths(), copy.sources().destination(),
                    copy.from(), copy.chown(), copy.chmod(), copy.link(), copy.parents(), copy.excludes(),
                    heredocs(copy.sources().heredocs()), "", null));
        }
        if (instruction instanceof Add add) {
            return List.of(new StageStep.Copy(line, text, true, add.sources().paths(), add.sources().destination(),
                    null, add.chown(), add.chmod(), add.link(), false, add.excludes(),
                    heredocs(add.sources().heredocs()), add.checksum(), add.unpack()));
        }
        if (instruction instanceof Env env) {
            return List.of(new StageStep.Env(line, text, env.pairs().stream().map(p -> new KeyValue(p.key(), p.value())).toList()));
        }
        if (instruction instanceof Arg arg) {
            return arg.args().stream().<StageStep>map(a -> new StageStep.Arg(line, text, a.key(),
                    buildArgs.containsKey(a.key()) ? buildArgs.get(a.key()) : a.value())).toList();
        }
        if (instruction instanceof Label label) {
            return List.of(new StageStep.Label(line, text, label.pairs().stream().map(p -> new KeyValue(p.key(), p.value())).toList()));
        }
        if (instruction instanceof Cmd cmd) {
            return List.of(new StageStep.Cmd(line, text, cmd.command(), cmd.prependShell()));
        }
        if (instruction instanceof Entrypoint ep) {
            return List.of(new StageStep.Entrypoint(line, text, ep.command(), ep.prependShell()));
        }
        if (instruction instanceof Workdir wd) {
            return List.of(new StageStep.Workdir(line, text, wd.path()));
        }
        if (instruction instanceof User user) {
            return List.of(new StageStep.User(line, text, user.user()));
        }
        if (instruction instanceof Expose expose) {
            return List.of(new StageStep.Expose(line, text, expose.ports()));
        }
        if (instruction instanceof Volume volume) {
            return List.of(new StageStep.Volume(line, text, volume.volumes()));
        }
        if (instruction instanceof dev.stagefarm.dockerfile.instructions.Healthcheck hc) {
            Healthcheck check = hc.disabled() ? Healthcheck.none() : new Healthcheck(hc.test(), nanos(hc.interval()),
                    nanos(hc.timeout()), nanos(hc.startPeriod()), nanos(hc.startInterval()),
                    hc.retries() == null ? 0 : hc.retries());
            return List.of(new StageStep.HealthcheckStep(line, text, check));
        }
        if (instruction instanceof StopSignal sig) {
            return List.of(new StageStep.StopSignal(line, text, sig.signal()));
        }
        if (instruction instanceof Onbuild onbuild) {
            return List.of(new StageStep.OnBuild(line, text, onbuild.expression()));
        }
        if (instruction instanceof Shell shell) {
            return List.of(new StageStep.Shell(line, text, shell.shell()));
        }
        return List.of();
    }

    private static Optional<MountRequest> mount(RunMount mount, int line) {
        String type = mount.type() == null ? "bind" : mount.type().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "cache" -> Optional.of(new MountRequest.Cache(mount.target(), mount.id(), sharing(mount.sharing()), mount.readOnly()));
            case "bind" -> Optional.of(new MountRequest.Bind(mount.target(), mount.source() == null ? "" : mount.source(),
                    mount.from() == null || mount.from().isEmpty() ? null : mount.from(), !mount.readOnly()));
            case "tmpfs" -> Optional.of(new MountRequest.Tmpfs(mount.target(), mount.sizeLimit()));
            case "secret" -> Optional.of(new MountRequest.Secret(mount.target(), mount.id(), mount.required()));
            // An SSH agent socket is not forwarded to build hosts; an optional one is simply absent.
            case "ssh" -> {
                if (mount.required()) {
                    throw new StagefarmException(FailureCode.DOCKERFILE_INSTRUCTION, "Dockerfile:" + line, line,
                            "RUN --mount=type=ssh is not supported by the farm");
                }
                yield Optional.empty();
            }
            default -> throw new StagefarmException(FailureCode.DOCKERFILE_INSTRUCTION, "Dockerfile:" + line, line,
                    "unsupported mount type " + type);
        };
    }

    private static MountRequest.Sharing sharing(String value) {
        return value == null || value.isEmpty() ? MountRequest.Sharing.SHARED
                : MountRequest.Sharing.valueOf(value.toUpperCase(Locale.ROOT));
    }

    private static StageStep.Network network(String value, int line) {
        if (value == null || value.isEmpty() || value.equals("default")) {
            return StageStep.Network.DEFAULT;
        }
        return switch (value) {
            case "none" -> StageStep.Network.NONE;
            case "host" -> StageStep.Network.HOST;
            default -> throw new StagefarmException(FailureCode.DOCKERFILE_INSTRUCTION, "Dockerfile:" + line, line,
                    "unsupported network mode " + value);
        };
    }

    private static List<HeredocFile> heredocs(List<Heredoc> heredocs) {
        return heredocs.stream().map(h -> new HeredocFile(h.name(), h.effectiveContent())).toList();
    }

    private static long nanos(Duration duration) {
        return duration == null ? 0 : duration.toNanos();
    }
}
