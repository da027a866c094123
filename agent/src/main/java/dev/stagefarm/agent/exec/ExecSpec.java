package dev.stagefarm.agent.exec;

import java.util.List;

/**
 * One process to run in a fresh container of {@code image}: everything the daemon needs, as data.
 * The container's entrypoint is always cleared so {@code argv} runs as given.
 *
 * @param workingDir absolute; empty means the daemon's default ({@code /})
 * @param user empty means root
 * @param disableHealthcheck the image has a HEALTHCHECK, which must not run against a build step;
 *     false leaves the container's health check unset, so committing it adds none to the image
 */
public record ExecSpec(String image, List<String> argv, List<String> env, String workingDir, String user,
        List<MountSpec> mounts, NetworkMode network, boolean disableHealthcheck) {

    public ExecSpec {
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        mounts = List.copyOf(mounts);
        workingDir = workingDir == null ? "" : workingDir;
        user = user == null ? "" : user;
    }

    /** A process whose inherited health check (if any) is disabled. */
    public ExecSpec(String image, List<String> argv, List<String> env, String workingDir, String user,
            List<MountSpec> mounts, NetworkMode network) {
        this(image, argv, env, workingDir, user, mounts, network, true);
    }
}
