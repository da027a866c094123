package dev.stagefarm.deploy.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One simulated build host: the docker command line pointed at its daemon. The daemons are
 * Docker 20.10, whose builder is the classic one, so builds ask for it explicitly.
 */
public record DockerHost(String uri) {

    public CommandResult docker(Duration timeout, String... args) {
        List<String> argv = new ArrayList<>(List.of("docker", "-H", uri));
        argv.addAll(List.of(args));
        return new Command(argv, Path.of("."), Map.of("DOCKER_BUILDKIT", "0"), timeout).run();
    }

    public CommandResult docker(String... args) {
        return docker(Duration.ofMinutes(2), args);
    }

    Path socket() {
        return Path.of(uri.substring("unix://".length()));
    }
}
