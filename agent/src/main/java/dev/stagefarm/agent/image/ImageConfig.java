package dev.stagefarm.agent.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The runtime part of an image's config (the {@code config} object of the image JSON) that
 * Dockerfile instructions change. Immutable; every {@code with...} returns a new value.
 *
 * <p>Empty lists stand for "unset": Docker treats a null and an empty {@code Cmd} alike when it
 * runs a container, and the classic builder writes null for both.
 *
 * @param env {@code KEY=value} in first-definition order; redefining a key keeps its position
 * @param shell the SHELL for shell-form commands; empty means {@code /bin/sh -c}
 */
public record ImageConfig(
        List<String> env,
        List<String> cmd,
        List<String> entrypoint,
        String workingDir,
        String user,
        SortedMap<String, String> labels,
        SortedSet<String> exposedPorts,
        SortedSet<String> volumes,
        Healthcheck healthcheck,
        String stopSignal,
        List<String> onBuild,
        List<String> shell) {

    /** The shell Docker uses for shell-form RUN, CMD and ENTRYPOINT when SHELL was not set. */
    public static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    /** The PATH BuildKit gives a stage that starts from scratch. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public ImageConfig {
        env = List.copyOf(env);
        cmd = List.copyOf(cmd);
        entrypoint = List.copyOf(entrypoint);
        workingDir = workingDir == null ? "" : workingDir;
        user = user == null ? "" : user;
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        exposedPorts = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(exposedPorts));
        volumes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(volumes));
        stopSignal = stopSignal == null ? "" : stopSignal;
        onBuild = List.copyOf(onBuild);
        shell = List.copyOf(shell);
    }

    /** A config with nothing set (an image imported from a bare file system). */
    public static ImageConfig empty() {
        return new ImageConfig(List.of(), List.of(), List.of(), "", "", new TreeMap<>(), new TreeSet<>(),
                new TreeSet<>(), null, "", List.of(), List.of());
    }

    /** What BuildKit starts a {@code FROM scratch} stage with: only the default PATH. */
    public static ImageConfig scratch() {
        return empty().withEnv("PATH", DEFAULT_PATH);
    }

    /** The value of an environment variable, if set. */
    public Optional<String> envValue(String key) {
        String prefix = key + "=";
        return env.stream().filter(e -> e.startsWith(prefix)).map(e -> e.substring(prefix.length())).findFirst();
    }

    /** The environment as an ordered map. */
    public Map<String, String> envMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : env) {
            int eq = entry.indexOf('=');
            map.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        return map;
    }

    /** Sets one variable; an existing key keeps its place in the list, as the builders do. */
    public ImageConfig withEnv(String key, String value) {
        List<String> next = new ArrayList<>(env.size() + 1);
        String prefix = key + "=";
        boolean replaced = false;
        for (String entry : env) {
            if (entry.startsWith(prefix) || entry.equals(key)) {
                if (!replaced) {
                    next.add(prefix + value);
                    replaced = true;
                }
            } else {
                next.add(entry);
            }
        }
        if (!replaced) {
            next.add(prefix + value);
        }
        return new ImageConfig(next, cmd, entrypoint, workingDir, user, labels, exposedPorts, volumes, healthcheck,
                stopSignal, onBuild, shell);
    }

    public ImageConfig withCmd(List<String> value) {
        return new ImageConfig(env, value, entrypoint, workingDir, user, labels, exposedPorts, volumes, healthcheck,
                stopSignal, onBuild, shell);
    }

    public ImageConfig withEntrypoint(List<String> value) {
        return new ImageConfig(env, cmd, value, workingDir, user, labels, exposedPorts, volumes, healthcheck,
                stopSignal, onBuild, shell);
    }

    public ImageConfig withWorkingDir(String value) {
        return new ImageConfig(env, cmd, entrypoint, value, user, labels, exposedPorts, volumes, healthcheck,
                stopSignal, onBuild, shell);
    }

    public ImageConfig withUser(String value) {
        return new ImageConfig(env, cmd, entrypoint, workingDir, value, labels, exposedPorts, volumes, healthcheck,
                stopSignal, onBuild, shell);
    }

    public ImageConfig withLabel(String key, String value) {
        TreeMap<String, String> next = new TreeMap<>(labels);
        next.put(key, value);
        return new ImageConfig(env, cmd, entrypoint, workingDir, user, next, exposedPorts, volumes, healthcheck,
                stopSignal, onBuild, shell);
    }

    public ImageConfig withExposedPort(String port) {
        TreeSet<String> next = new TreeSet<>(exposedPorts);
        next.add(port);
        return new ImageConfig(env, cmd, entrypoint, workingDir, user, labels, next, volumes, healthcheck,
                stopSignal, onBuild, shell);
    }

    public ImageConfig withVolume(String path) {
        TreeSet<String> next = new TreeSet<>(volumes);
        next.add(path);
        return new ImageConfig(env, cmd, entrypoint, workingDir, user, labels, exposedPorts, next, healthcheck,
                stopSignal, onBuild, shell);
    }

    public ImageConfig withHealthcheck(Healthcheck value) {
        return new ImageConfig(env, cmd, entrypoint, workingDir, user, labels, exposedPorts, volumes, value,
                stopSignal, onBuild, shell);
    }

    public ImageConfig withStopSignal(String value) {
        return new ImageConfig(env, cmd, entrypoint, workingDir, user, labels, exposedPorts, volumes, healthcheck,
                value, onBuild, shell);
    }

    public ImageConfig withOnBuild(String trigger) {
        List<String> next = new ArrayList<>(onBuild);
        next.add(trigger);
        return new ImageConfig(env, cmd, entrypoint, workingDir, user, labels, exposedPorts, volumes, healthcheck,
                stopSignal, next, shell);
    }

    /** ONBUILD triggers are consumed by the stage that builds FROM the image, not inherited. */
    public ImageConfig withoutOnBuild() {
        return new ImageConfig(env, cmd, entrypoint, workingDir, user, labels, exposedPorts, volumes, healthcheck,
                stopSignal, List.of(), shell);
    }

    public ImageConfig withShell(List<String> value) {
        return new ImageConfig(env, cmd, entrypoint, workingDir, user, labels, exposedPorts, volumes, healthcheck,
                stopSignal, onBuild, value);
    }

    /** The shell that prefixes shell-form commands. */
    public List<String> effectiveShell() {
        return shell.isEmpty() ? DEFAULT_SHELL : shell;
    }
}
