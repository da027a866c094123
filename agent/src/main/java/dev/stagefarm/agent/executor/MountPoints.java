package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.exec.MountSpec;
import dev.stagefarm.agent.exec.PathKind;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.translation.ConfigRules;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The mount points the daemon will have to create in a RUN container's file system (a mount
 * target, and any of its parent folders, that the parent image lacks), so they can be removed
 * before the result is committed, as BuildKit removes the mount points it created. Targets under
 * {@code /dev}, {@code /proc} and {@code /sys} leave no trace: those are the daemon's own mounts.
 *
 * <p>The Engine API cannot delete a path of a container, and a container's mounts stay with it,
 * so the removal runs in a second, short container of the committed RUN result: {@code rmdir}
 * for folders (deepest first; a folder the command also wrote into is not empty and stays),
 * {@code rm -f} for file mount points. Immutable.
 *
 * @param folders created folders, deepest first
 * @param files created files (file bind mounts such as secrets)
 */
record MountPoints(List<String> folders, List<String> files) {

    /** The shell the clean-up runs with; an image without it keeps its mount points. */
    static final String SHELL = "/bin/sh";

    private static final List<String> DAEMON_MOUNTS = List.of("/dev", "/proc", "/sys");

    MountPoints {
        folders = List.copyOf(folders);
        files = List.copyOf(files);
    }

    static MountPoints none() {
        return new MountPoints(List.of(), List.of());
    }

    boolean isEmpty() {
        return folders.isEmpty() && files.isEmpty();
    }

    /**
     * Looks the targets of {@code mounts} up in {@code image} (through a created, never started
     * container: the RUN container itself would show its mounts). Returns none when the image has
     * no {@link #SHELL} to remove them with.
     */
    static MountPoints missingIn(StageSession session, String image, List<MountSpec> mounts) {
        List<MountSpec> relevant = mounts.stream().filter(m -> !underDaemonMount(ConfigRules.cleanPath(m.target()))).toList();
        if (relevant.isEmpty()) {
            return none();
        }
        String container = session.createIdle(image, ImageConfig.empty());
        try {
            if (session.engine().containers().pathKind(container, SHELL) == PathKind.MISSING) {
                return none();
            }
            Set<String> folders = new LinkedHashSet<>();
            Set<String> files = new LinkedHashSet<>();
            for (MountSpec mount : relevant) {
                String target = ConfigRules.cleanPath(mount.target());
                List<String> missing = missingFromTop(session, container, target);
                for (String path : missing) {
                    boolean file = path.equals(target) && mount instanceof MountSpec.HostBind bind
                            && !Files.isDirectory(bind.source());
                    (file ? files : folders).add(path);
                }
            }
            List<String> deepestFirst = new ArrayList<>(folders);
            deepestFirst.sort(Comparator.comparingInt((String p) -> p.split("/").length).reversed());
            return new MountPoints(deepestFirst, List.copyOf(files));
        } finally {
            session.remove(container);
        }
    }

    /** {@code target} and those of its parents the image lacks; empty when it exists. */
    private static List<String> missingFromTop(StageSession session, String container, String target) {
        List<String> missing = new ArrayList<>();
        for (String path = target; !path.equals("/"); path = parent(path)) {
            if (session.engine().containers().pathKind(container, path) != PathKind.MISSING) {
                break;
            }
            missing.add(0, path);
        }
        return missing;
    }

    /** The clean-up command: never fails, so a path the command replaced is simply left. */
    List<String> cleanupArgv() {
        StringBuilder script = new StringBuilder();
        if (!files.isEmpty()) {
            script.append("rm -f --").append(quoted(files)).append(" 2>/dev/null; ");
        }
        if (!folders.isEmpty()) {
            script.append("rmdir --").append(quoted(folders)).append(" 2>/dev/null; ");
        }
        script.append("true");
        return List.of(SHELL, "-c", script.toString());
    }

    private static String quoted(List<String> paths) {
        StringBuilder out = new StringBuilder();
        for (String path : paths) {
            out.append(" '").append(path.replace("'", "'\\''")).append('\'');
        }
        return out.toString();
    }

    private static boolean underDaemonMount(String path) {
        return DAEMON_MOUNTS.stream().anyMatch(m -> path.equals(m) || path.startsWith(m + "/"));
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
