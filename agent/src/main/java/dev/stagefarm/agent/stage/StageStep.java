package dev.stagefarm.agent.stage;

import dev.stagefarm.agent.image.Healthcheck;
import java.util.List;

/**
 * One instruction of a stage after the frontend resolved it: variables expanded, ARG values
 * chosen, paths as the Dockerfile wrote them. This is the executor's input; the adapter from the
 * frontend's typed instructions produces it.
 *
 * <p>{@link #line()} is the 1-based Dockerfile line (0 when unknown) and {@link #text()} the
 * canonical instruction text used in progress events and cache keys.
 */
public sealed interface StageStep {

    int line();

    String text();

    /** True for instructions that only change the image config. */
    default boolean metadataOnly() {
        return !(this instanceof Run || this instanceof Copy || this instanceof Workdir);
    }

    /** RUN. {@code command} is one string in shell form, the argv in exec form. */
    record Run(int line, String text, List<String> command, boolean shellForm, List<MountRequest> mounts,
            Network network, List<HeredocFile> heredocs) implements StageStep {
        public Run {
            command = List.copyOf(command);
            mounts = List.copyOf(mounts);
            heredocs = List.copyOf(heredocs);
        }
    }

    /** {@code RUN --network}. DEFAULT runs with the host network: the daemons' bridge is disabled. */
    enum Network {
        DEFAULT, NONE, HOST
    }

    /**
     * COPY or ADD. {@code fromStage} null means the build context; otherwise the name of the
     * upstream stage whose exported artifacts hold the sources (absolute paths in that stage).
     *
     * @param chmod octal mode, or empty
     * @param chown {@code user[:group]} by name or number, or empty
     * @param checksum for ADD of a URL: the expected {@code sha256:<hex>}, or empty
     * @param unpack ADD's {@code --unpack}: null when not given (local archives are unpacked, URLs
     *     never), false keeps archives packed
     */
    record Copy(int line, String text, boolean add, List<String> sources, String destination, String fromStage,
            String chown, String chmod, boolean link, boolean parents, List<String> excludes,
            List<HeredocFile> heredocs, String checksum, Boolean unpack) implements StageStep {
        public Copy {
            sources = List.copyOf(sources);
            excludes = List.copyOf(excludes);
            heredocs = List.copyOf(heredocs);
            chown = chown == null ? "" : chown;
            chmod = chmod == null ? "" : chmod;
            checksum = checksum == null ? "" : checksum;
        }
    }

    record Env(int line, String text, List<KeyValue> pairs) implements StageStep {
        public Env {
            pairs = List.copyOf(pairs);
        }
    }

    /** ARG with the value in effect (the build arg, else the default); null when it has none. */
    record Arg(int line, String text, String name, String value) implements StageStep {
    }

    record Label(int line, String text, List<KeyValue> pairs) implements StageStep {
        public Label {
            pairs = List.copyOf(pairs);
        }
    }

    record Cmd(int line, String text, List<String> command, boolean shellForm) implements StageStep {
        public Cmd {
            command = List.copyOf(command);
        }
    }

    record Entrypoint(int line, String text, List<String> command, boolean shellForm) implements StageStep {
        public Entrypoint {
            command = List.copyOf(command);
        }
    }

    /** WORKDIR; creates the folder (owned by root, as the classic builder does). */
    record Workdir(int line, String text, String path) implements StageStep {
    }

    record User(int line, String text, String user) implements StageStep {
    }

    /** EXPOSE; each port as written: {@code 80}, {@code 53/udp}, {@code 8000-8002/tcp}. */
    record Expose(int line, String text, List<String> ports) implements StageStep {
        public Expose {
            ports = List.copyOf(ports);
        }
    }

    record Volume(int line, String text, List<String> paths) implements StageStep {
        public Volume {
            paths = List.copyOf(paths);
        }
    }

    /** HEALTHCHECK; shell-form checks are already {@code ["CMD-SHELL", cmd]}. */
    record HealthcheckStep(int line, String text, Healthcheck healthcheck) implements StageStep {
    }

    record StopSignal(int line, String text, String signal) implements StageStep {
    }

    /** ONBUILD with its trigger instruction as written. */
    record OnBuild(int line, String text, String trigger) implements StageStep {
    }

    record Shell(int line, String text, List<String> shell) implements StageStep {
        public Shell {
            shell = List.copyOf(shell);
        }
    }
}
