package dev.stagefarm.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code local down} leaves nothing behind, and a warm {@code up} afterwards brings the whole
 * farm back. Runs last: it takes the farm down under the other test classes' feet.
 */
@Order(100)
class FarmDownTest {

    @Test
    void downLeavesNoProcessMountOrSocketAndUpBringsTheFarmBack() throws Exception {
        FarmFacts farm = LocalFarm.up();
        Path state = farm.stateDir().toRealPath();
        List<Long> servicePids = servicePids(state.resolve("run"));
        List<Path> sockets = farm.dockerHosts().stream().map(DockerHost::socket).toList();
        // The image stores live in the cache and stay, but nothing may stay mounted on them.
        List<Path> imageStores = farm.dockerHosts().stream()
                .map(host -> Path.of(host.docker("info", "--format", "{{.DockerRootDir}}").orFail("docker info").output().trim()))
                .toList();
        int kafkaPort = Integer.parseInt(farm.get("KAFKA_BOOTSTRAP").split(":")[1]);
        assertThat(servicePids).hasSizeGreaterThanOrEqualTo(4 + LocalFarm.AGENTS);
        assertThat(sockets).allMatch(Files::exists);
        assertThat(mountsUnder(state)).isNotEmpty();
        assertThat(imageStores).allSatisfy(store -> assertThat(mountsUnder(store)).isNotEmpty());

        LocalFarm.command("down").orFail("stagefarm local down");

        assertThat(servicePids).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertThat(processesNaming(state)).isEmpty();
        assertThat(mountsUnder(state)).isEmpty();
        assertThat(imageStores).allSatisfy(store -> assertThat(mountsUnder(store)).isEmpty());
        assertThat(sockets).noneMatch(Files::exists);
        assertThat(state).doesNotExist();
        assertThat(accepts(kafkaPort)).isFalse();
        assertThat(LocalFarm.command("status").exitCode()).isEqualTo(3);

        long start = System.nanoTime();
        FarmFacts again = LocalFarm.up();
        long warmUpMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("warm `local up --agents %d` after `down`: %.1f s%n", LocalFarm.AGENTS, warmUpMillis / 1000.0);
        CommandResult status = LocalFarm.command("status").orFail("stagefarm local status");
        assertThat(status.output()).doesNotContain(" down ", " starting ");
        assertThat(again.dockerHosts()).hasSize(LocalFarm.AGENTS).allSatisfy(host ->
                assertThat(host.docker("info", "--format", "{{.ServerVersion}}").orFail("docker info").output()).startsWith("20.10"));
    }

    private static List<Long> servicePids(Path runDir) throws IOException {
        try (Stream<Path> files = Files.list(runDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pid"))
                    .map(FarmDownTest::firstLine)
                    .map(Long::parseLong)
                    .toList();
        }
    }

    private static List<String> mountsUnder(Path dir) throws IOException {
        String prefix = dir.toString();
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .map(line -> line.split(" ")[4].replace("\\040", " "))
                .filter(mount -> mount.equals(prefix) || mount.startsWith(prefix + "/"))
                .toList();
    }

    /** Pids of live processes whose command line names the folder. */
    private static List<Long> processesNaming(Path dir) throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (cmdline.contains(dir + "/")) {
                        found.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return found;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static String firstLine(Path file) {
        try {
            return Files.readAllLines(file).get(0).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
