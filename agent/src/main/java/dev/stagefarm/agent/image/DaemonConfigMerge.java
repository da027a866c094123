package dev.stagefarm.agent.image;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Docker daemon's config merge (moby {@code daemon/commit.go}, {@code merge}), which it applies
 * both when it creates a container (request over image config) and when it commits one through
 * the Engine API (request over container config). Empty request fields are filled from the other
 * side; Env, Labels, ExposedPorts and Volumes are unions.
 *
 * <p>Knowing it tells the executor when a commit alone yields the exact config a Dockerfile asks
 * for, and when the config has to be rewritten instead (a union can add, never remove). The
 * request's Entrypoint is always sent explicitly, so it is never filled in. Pure.
 */
public final class DaemonConfigMerge {

    private DaemonConfigMerge() {
    }

    /** The config the daemon ends up with for {@code request} over {@code base}. */
    public static ImageConfig merge(ImageConfig request, ImageConfig base) {
        String user = request.user().isEmpty() ? base.user() : request.user();
        TreeSet<String> ports = new TreeSet<>(request.exposedPorts());
        ports.addAll(base.exposedPorts());
        List<String> env = request.env();
        if (env.isEmpty()) {
            env = base.env();
        } else {
            Map<String, String> requested = request.envMap();
            java.util.ArrayList<String> merged = new java.util.ArrayList<>(env);
            for (String entry : base.env()) {
                String key = entry.contains("=") ? entry.substring(0, entry.indexOf('=')) : entry;
                if (!requested.containsKey(key)) {
                    merged.add(entry);
                }
            }
            env = merged;
        }
        TreeMap<String, String> labels = new TreeMap<>(base.labels());
        labels.putAll(request.labels());
        List<String> cmd = request.cmd();
        if (request.entrypoint().isEmpty() && cmd.isEmpty()) {
            cmd = base.cmd();
        }
        Healthcheck healthcheck = mergeHealthcheck(request.healthcheck(), base.healthcheck());
        String workingDir = request.workingDir().isEmpty() ? base.workingDir() : request.workingDir();
        TreeSet<String> volumes = new TreeSet<>(request.volumes());
        volumes.addAll(base.volumes());
        String stopSignal = request.stopSignal().isEmpty() ? base.stopSignal() : request.stopSignal();
        return new ImageConfig(env, cmd, request.entrypoint(), workingDir, user, labels, ports, volumes,
                healthcheck, stopSignal, request.onBuild(), request.shell());
    }

    private static Healthcheck mergeHealthcheck(Healthcheck request, Healthcheck base) {
        if (base == null) {
            return request;
        }
        if (request == null) {
            return base;
        }
        return new Healthcheck(request.test().isEmpty() ? base.test() : request.test(),
                request.intervalNanos() == 0 ? base.intervalNanos() : request.intervalNanos(),
                request.timeoutNanos() == 0 ? base.timeoutNanos() : request.timeoutNanos(),
                request.startPeriodNanos() == 0 ? base.startPeriodNanos() : request.startPeriodNanos(),
                request.startIntervalNanos() == 0 ? base.startIntervalNanos() : request.startIntervalNanos(),
                request.retries() == 0 ? base.retries() : request.retries());
    }
}
