package dev.stagefarm.agent.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.PruneType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.stagefarm.agent.cache.InstructionCache;
import dev.stagefarm.agent.docker.ClassicBuilder;
import dev.stagefarm.agent.docker.DockerDaemonExtension;
import dev.stagefarm.agent.docker.DockerEngine;
import dev.stagefarm.agent.docker.TestDocker;
import dev.stagefarm.agent.docker.TimedTransport;
import dev.stagefarm.agent.executor.BaseImage;
import dev.stagefarm.agent.executor.CacheLocks;
import dev.stagefarm.agent.executor.StageExecutor;
import dev.stagefarm.agent.executor.StageInputs;
import dev.stagefarm.agent.executor.StageListener;
import dev.stagefarm.agent.executor.StageWork;
import dev.stagefarm.agent.stage.InstructionAdapter;
import dev.stagefarm.agent.stage.StageStep;
import dev.stagefarm.dockerfile.syntax.DockerfileParser;
import dev.stagefarm.dockerfile.syntax.RawDockerfile;
import dev.stagefarm.plan.BuildPlan;
import dev.stagefarm.plan.PlanOptions;
import dev.stagefarm.plan.Planner;
import dev.stagefarm.plan.StageBase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's executor against the daemon's classic builder on the same single-stage Dockerfiles,
 * on one private daemon, without cache on either side (the executor fills its instruction cache,
 * as an agent does, but never reads it), in alternating rounds. Prints one {@code BENCH} line per
 * scenario (wall times of every round, the median ratio) and where the executor's time went, per
 * Engine API endpoint. Slow; runs only with {@code -Dbenchmark=agent}; {@code -Dbenchmark.rounds=N}
 * (default 3, after one warm-up round) and {@code -Dbenchmark.scenarios=REGEX} narrow it.
 */
@ExtendWith(DockerDaemonExtension.class)
@EnabledIfSystemProperty(named = "benchmark", matches = "agent")
class ExecutorBenchmarkTest {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final String ONLY = System.getProperty("benchmark.scenarios", ".*");
    private static final String LARGE_BASE = "stagefarm-bench/large-base:latest";
    private static final int MIB = 1 << 20;

    /** A Dockerfile and the context it is built with. */
    record Scenario(String name, String dockerfile, Map<String, Integer> files) {
    }

    @Test
    void executorAgainstClassicBuilder(TestDocker docker, @TempDir Path work) throws Exception {
        TimedTransport timed = new TimedTransport();
        try (DockerEngine engine = DockerEngine.connect(docker.host(), timed::wrap); DockerClient client = client(docker)) {
            buildLargeBase(docker, work.resolve("large-base"));
            List<String> lines = new ArrayList<>();
            for (Scenario scenario : scenarios()) {
                if (!scenario.name().matches(ONLY)) {
                    continue;
                }
                Path context = writeContext(work.resolve(scenario.name()), scenario);
                StageWork stage = stageOf(scenario.dockerfile());
                List<Long> ours = new ArrayList<>();
                List<Long> classic = new ArrayList<>();
                Map<String, TimedTransport.Calls> calls = new TreeMap<>();
                for (int round = 0; round <= ROUNDS; round++) {
                    boolean executorFirst = round % 2 == 0;
                    for (int side = 0; side < 2; side++) {
                        if ((side == 0) == executorFirst) {
                            timed.drain();
                            long t = executor(engine, work, stage, context);
                            Map<String, TimedTransport.Calls> round_ = timed.drain();
                            if (round > 0) {
                                ours.add(t);
                                round_.forEach((k, v) -> calls.merge(k, v,
                                        (a, b) -> new TimedTransport.Calls(a.count() + b.count(), a.nanos() + b.nanos())));
                            }
                        } else {
                            long t = classic(docker, context);
                            if (round > 0) {
                                classic.add(t);
                            }
                        }
                        client.pruneCmd(PruneType.IMAGES).exec();
                    }
                }
                String line = String.format("BENCH executor-vs-classic scenario=%s executor_ms=%s classic_ms=%s"
                        + " executor_median_ms=%d classic_median_ms=%d ratio_median=%.2f",
                        scenario.name(), ours, classic, median(ours), median(classic),
                        (double) median(ours) / median(classic));
                lines.add(line);
                System.out.println(line);
                StringBuilder profile = new StringBuilder("BENCH executor-calls scenario=" + scenario.name());
                calls.forEach((k, v) -> profile.append(String.format(" | %s n=%d ms=%.0f", k, v.count() / ROUNDS,
                        v.millis() / ROUNDS)));
                System.out.println(profile);
                lines.add(profile.toString());
            }
            System.out.println("BENCH summary\n" + String.join("\n", lines));
            assertThat(lines).isNotEmpty();
        }
    }

    static List<Scenario> scenarios() {
        Map<String, Integer> kib8 = files(8, 1024);
        List<Scenario> all = new ArrayList<>();
        all.add(new Scenario("run-1", "FROM busybox:latest\n" + runs(1), Map.of()));
        all.add(new Scenario("run-5", "FROM busybox:latest\n" + runs(5), Map.of()));
        all.add(new Scenario("run-20", "FROM busybox:latest\n" + runs(20), Map.of()));
        all.add(new Scenario("arg-run-5", "FROM busybox:latest\nARG VERSION=1.2.3\n" + runs(5), Map.of()));
        all.add(new Scenario("metadata", """
                FROM busybox:latest
                ENV A=1 B=2
                ENV C=3
                LABEL org.example.a=1 org.example.b=2
                LABEL org.example.c=3
                WORKDIR /srv/app
                ENV D=4 E=5
                LABEL org.example.d=4
                WORKDIR lib
                ENV F=6
                LABEL org.example.e=5
                WORKDIR /srv/app
                USER app
                EXPOSE 8080
                CMD ["sh"]
                """, Map.of()));
        all.add(new Scenario("copy-8k-root", "FROM busybox:latest\nCOPY . .\n", kib8));
        all.add(new Scenario("copy-1000-small", "FROM busybox:latest\nWORKDIR /app\nCOPY . .\n", files(1000, 1024)));
        all.add(new Scenario("copy-64M", "FROM busybox:latest\nCOPY . /data/\n", files(4, 16 * MIB)));
        all.add(new Scenario("copy-256M", "FROM busybox:latest\nCOPY . /data/\n", files(4, 64 * MIB)));
        all.add(new Scenario("large-base-copy-root", "FROM " + LARGE_BASE + "\nCOPY . /\n", kib8));
        all.add(new Scenario("large-base-app", "FROM " + LARGE_BASE + "\nARG VERSION=1.2.3\nENV NODE_ENV=production\n"
                + "COPY . .\nRUN echo $VERSION > /version\nCMD [\"sh\"]\n", kib8));
        return all;
    }

    private static String runs(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append("RUN echo step ").append(i).append(" ${VERSION:-none} > /step-").append(i).append('\n');
        }
        return out.toString();
    }

    private static Map<String, Integer> files(int count, int size) {
        Map<String, Integer> files = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            files.put(count > 50 ? "dir" + (i % 20) + "/file" + i : "file" + i, size);
        }
        return files;
    }

    private static Path writeContext(Path dir, Scenario scenario) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("Dockerfile"), scenario.dockerfile());
        Random random = new Random(42);
        byte[] buffer = new byte[1 << 16];
        for (Map.Entry<String, Integer> file : scenario.files().entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            try (OutputStream out = Files.newOutputStream(path)) {
                for (int left = file.getValue(); left > 0; left -= buffer.length) {
                    random.nextBytes(buffer);
                    out.write(buffer, 0, Math.min(left, buffer.length));
                }
            }
        }
        return dir;
    }

    /** The stage as an agent translates it: parsed, planned, expanded, adapted. */
    static StageWork stageOf(String dockerfile) {
        RawDockerfile parsed = DockerfileParser.parse("Dockerfile", dockerfile);
        BuildPlan plan = Planner.plan(parsed, new PlanOptions(null, Map.of(), null, false));
        InstructionAdapter adapter = new InstructionAdapter(Map.of());
        List<StageStep> steps = StageInstructions.of(parsed, plan, 0).stream().flatMap(i -> adapter.steps(i).stream())
                .toList();
        return new StageWork("bench", new BaseImage.Reference(((StageBase.Image) plan.stage(0).base()).reference()), steps);
    }

    private static long executor(DockerEngine engine, Path work, StageWork stage, Path context) {
        StageExecutor executor = new StageExecutor(engine, "bench-agent", work.resolve("agent"), new CacheLocks(),
                new InstructionCache(work.resolve("agent-cache.properties")));
        long start = System.nanoTime();
        executor.execute(stage, StageInputs.contextOnly(context), StageListener.NONE, true);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long classic(TestDocker docker, Path context) {
        long start = System.nanoTime();
        ClassicBuilder.build(docker, context);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** A base of about 190 MiB in 1,500 files, standing for a language runtime image. */
    private static void buildLargeBase(TestDocker docker, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM busybox:latest
                RUN mkdir -p /usr/lib/bulk && i=0 && while [ $i -lt 1500 ]; do \
                head -c 131072 /dev/urandom > /usr/lib/bulk/f$i; i=$((i+1)); done
                WORKDIR /usr/src/app
                CMD ["sh"]
                """);
        String id = ClassicBuilder.build(docker, dir);
        docker.engine().images().tag(id, "stagefarm-bench/large-base", "latest");
    }

    private static DockerClient client(TestDocker docker) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(docker.host()).withApiVersion(DockerEngine.API_VERSION).build();
        return DockerClientImpl.getInstance(config,
                new ApacheDockerHttpClient.Builder().dockerHost(URI.create(docker.host())).build());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
