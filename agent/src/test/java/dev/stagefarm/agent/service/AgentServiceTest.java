package dev.stagefarm.agent.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagefarm.agent.docker.DockerDaemonExtension;
import dev.stagefarm.agent.docker.TestDocker;
import dev.stagefarm.agent.docker.TestRegistry;
import dev.stagefarm.agent.executor.StageSession;
import dev.stagefarm.agent.kafka.KafkaBrokerExtension;
import dev.stagefarm.archive.TarFiles;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.kafka.KafkaBroker;
import dev.stagefarm.objectstore.S3ObjectStore;
import dev.stagefarm.objectstore.S3ProxyExtension;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.ControlMessage;
import dev.stagefarm.protocol.FailureCause;
import dev.stagefarm.protocol.ObjectKeys;
import dev.stagefarm.protocol.ProtocolVersion;
import dev.stagefarm.protocol.StageEvent;
import dev.stagefarm.protocol.StageInput;
import dev.stagefarm.protocol.StageJob;
import dev.stagefarm.protocol.StageOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow: whole agents against a real Kafka 4.4.0 broker (child process), a private Docker daemon
 * with busybox and S3Proxy: jobs go in on the share-group topic, events come out on the event
 * topic, artifacts land in the object store.
 */
@ExtendWith({KafkaBrokerExtension.class, DockerDaemonExtension.class})
class AgentServiceTest {

    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final List<String> OUT = List.of("/out");

    private TestFarm farm;
    private TestFarm.EventLog events;
    private S3ObjectStore store;

    @BeforeEach
    void start(KafkaBroker kafka, TestDocker docker, @TempDir Path work) {
        store = S3.newStore();
        farm = new TestFarm(kafka, docker, S3.config(), store, work);
        events = farm.events();
    }

    @AfterEach
    void stop() throws Exception {
        farm.close();
        events.close();
        store.close();
    }

    @Test
    void claimsRunsAndExportsFilesWithEventsInOrder() throws Exception {
        farm.startAgent("agent-ok", 1, Duration.ofSeconds(5));
        TestFarm.Build build = farm.context(Map.of("Dockerfile", """
                FROM busybox
                COPY hello.txt /app/hello.txt
                RUN mkdir -p /out && cat /app/hello.txt > /out/greeting && echo built it
                """, "hello.txt", "hello farm\n"));
        String key = build.keys().get(0);
        StageJob job = farm.job(build, 0, List.of(), List.of(new StageOutput(ArtifactKind.FILES, List.of("/out"),
                ObjectKeys.artifact(key, OUT), ObjectKeys.artifactManifest(key, OUT))));
        farm.publish(job);

        StageEvent.Succeeded done = events.await(job.stageRunId(), StageEvent.Succeeded.class, WAIT);
        assertThat(done.objectKeys()).containsExactly(ObjectKeys.artifact(key, OUT));
        List<StageEvent> run = events.of(job.stageRunId());
        assertThat(run).allSatisfy(e -> {
            assertThat(e.attempt()).isEqualTo(1);
            assertThat(e.agentId()).isEqualTo("agent-ok");
        });
        List<StageEvent> milestones = run.stream().filter(e -> !(e instanceof StageEvent.Heartbeat)
                && !(e instanceof StageEvent.LogChunk)).toList();
        assertThat(milestones).extracting(e -> e.getClass().getSimpleName()).containsExactly("Claimed",
                "StepStarted", "StepFinished", "StepStarted", "StepFinished", "StepStarted", "StepFinished",
                "ArtifactStored", "Succeeded");
        // Numbered as the coordinator counts the stage's steps: the FROM is step 0.
        assertThat(milestones).filteredOn(StageEvent.StepStarted.class::isInstance)
                .map(StageEvent.StepStarted.class::cast)
                .extracting(StageEvent.StepStarted::step, StageEvent.StepStarted::instruction)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "FROM busybox"),
                        org.assertj.core.groups.Tuple.tuple(1, "COPY hello.txt /app/hello.txt"),
                        org.assertj.core.groups.Tuple.tuple(2,
                                "RUN mkdir -p /out && cat /app/hello.txt > /out/greeting && echo built it"));
        assertThat(milestones).filteredOn(StageEvent.StepFinished.class::isInstance)
                .map(StageEvent.StepFinished.class::cast).extracting(StageEvent.StepFinished::step)
                .containsExactly(0, 1, 2);
        assertThat(run).filteredOn(StageEvent.LogChunk.class::isInstance).map(StageEvent.LogChunk.class::cast)
                .anySatisfy(c -> assertThat(c.text()).contains("built it").isNotNull())
                .allSatisfy(c -> assertThat(c.step()).isEqualTo(2));

        JsonNode manifest;
        try (InputStream in = store.get(ObjectKeys.artifactManifest(key, OUT)).orElseThrow()) {
            manifest = new ObjectMapper().readTree(in);
        }
        StageEvent.ArtifactStored stored = (StageEvent.ArtifactStored) milestones.get(7);
        assertThat(manifest.get("digest").asText()).isEqualTo(stored.sha256());
        assertThat(store.stat(ObjectKeys.artifact(key, OUT)).orElseThrow().size()).isEqualTo(manifest.get("size").asLong());
        assertThat(filesOf(ObjectKeys.artifact(key, OUT))).containsEntry("out/greeting", "hello farm\n");
        try (InputStream log = store.get(ObjectKeys.log(build.buildId(), "0")).orElseThrow()) {
            assertThat(new String(log.readAllBytes(), StandardCharsets.UTF_8)).contains("built it");
        }
    }

    @Test
    void failingRunIsABuildFailureWithExitCodeAndLogTail() throws Exception {
        farm.startAgent("agent-fail", 1, Duration.ofSeconds(5));
        TestFarm.Build build = farm.context(Map.of("Dockerfile", """
                FROM busybox
                RUN echo about to fail && exit 3
                """));
        StageJob job = farm.job(build, 0, List.of(), List.of());
        farm.publish(job);

        StageEvent.Failed failed = events.await(job.stageRunId(), StageEvent.Failed.class, WAIT);
        assertThat(failed.cause()).isEqualTo(FailureCause.BUILD);
        assertThat(failed.code()).isEqualTo(FailureCode.RUN_EXIT_NONZERO);
        assertThat(failed.subject()).isEqualTo("Dockerfile:2");
        assertThat(failed.message()).contains("exit code: 3");
        assertThat(failed.step()).isEqualTo(1);
        assertThat(failed.logTail()).containsExactly("about to fail");
        assertThat(events.of(job.stageRunId())).noneMatch(StageEvent.Succeeded.class::isInstance);
    }

    @Test
    void targetImageIsPushedAndItsIdAndManifestDigestReported() throws Exception {
        farm.startAgent("agent-push", 1, Duration.ofSeconds(5));
        try (TestRegistry registry = TestRegistry.start()) {
            TestFarm.Build build = farm.context(Map.of("Dockerfile", """
                    FROM busybox
                    RUN echo pushed > /pushed
                    """));
            String key = build.keys().get(0);
            String tag = registry.address() + "/team/app:1";
            StageJob job = farm.job(build, 0, List.of(), List.of(new StageOutput(ArtifactKind.IMAGE, List.of(),
                    ObjectKeys.image(key), null, List.of(tag))));
            farm.publish(job);

            StageEvent.Succeeded done = events.await(job.stageRunId(), StageEvent.Succeeded.class, WAIT);
            assertThat(done.objectKeys()).containsExactly(ObjectKeys.image(key));
            StageEvent.ArtifactStored stored = events.of(job.stageRunId()).stream()
                    .filter(StageEvent.ArtifactStored.class::isInstance).map(StageEvent.ArtifactStored.class::cast)
                    .findFirst().orElseThrow();
            java.net.http.HttpResponse<String> manifest = registry.manifest("team/app", "1");
            assertThat(manifest.statusCode()).isEqualTo(200);
            String digest = manifest.headers().firstValue("Docker-Content-Digest").orElseThrow();
            assertThat(stored.kind()).isEqualTo(ArtifactKind.IMAGE);
            assertThat(stored.pushed()).containsExactly(registry.address() + "/team/app@" + digest);
            assertThat(new ObjectMapper().readTree(manifest.body()).path("config").path("digest").asText())
                    .isEqualTo(stored.imageId()).startsWith("sha256:");
            assertThat(events.of(job.stageRunId())).filteredOn(StageEvent.LogChunk.class::isInstance)
                    .map(e -> ((StageEvent.LogChunk) e).text()).anyMatch(t -> t.contains("digest: " + digest));
        }
    }

    @Test
    void truncatedInputIsACorruptArtifactForAnotherAttempt() throws Exception {
        farm.startAgent("agent-corrupt", 1, Duration.ofSeconds(5));
        TestFarm.Build build = farm.context(Map.of("Dockerfile", """
                FROM busybox AS builder
                RUN echo x > /x
                FROM busybox
                COPY --from=builder /x /x
                """));
        String upstream = build.keys().get(0);
        byte[] tar = tarOf("x", "a file the builder stage made\n".repeat(200));
        store.put(ObjectKeys.artifact(upstream, List.of("/x")), new ByteArrayInputStream(tar, 0, tar.length / 2), tar.length / 2);
        byte[] manifest = ("{\"paths\":[\"/x\"],\"digest\":\"" + Digest.of(tar) + "\",\"size\":" + tar.length + "}")
                .getBytes(StandardCharsets.UTF_8);
        store.put(ObjectKeys.artifactManifest(upstream, List.of("/x")), new ByteArrayInputStream(manifest), manifest.length);
        StageJob job = farm.job(build, 1, List.of(new StageInput(0, "builder", ArtifactKind.FILES, upstream,
                ObjectKeys.artifact(upstream, List.of("/x")), List.of("/x"))), List.of());
        farm.publish(job);

        StageEvent.Failed failed = events.await(job.stageRunId(), StageEvent.Failed.class, WAIT);
        assertThat(failed.cause()).isEqualTo(FailureCause.INFRASTRUCTURE);
        assertThat(failed.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
        assertThat(failed.subject()).isEqualTo(ObjectKeys.artifact(upstream, List.of("/x")));
    }

    @Test
    void twoAgentsWithOneSlotEachRunTwoJobsAtOnce() throws Exception {
        startOneSlotAgents("agent-a", "agent-b");
        TestFarm.Build build = tenSecondStage();
        StageJob first = farm.job(build, 0, List.of(), List.of());
        StageJob second = farm.job(build, 0, List.of(), List.of());
        // The second job goes out while the first holds its agent's only slot, so only the
        // other agent can take it (whichever of the two joined the group first took the first).
        farm.publish(first);
        StageEvent.Claimed one = events.await(first.stageRunId(), StageEvent.Claimed.class, WAIT);
        farm.publish(second);
        StageEvent.Claimed two = events.await(second.stageRunId(), StageEvent.Claimed.class, WAIT);
        StageEvent.Succeeded firstDone = events.await(first.stageRunId(), StageEvent.Succeeded.class, WAIT);
        StageEvent.Succeeded secondDone = events.await(second.stageRunId(), StageEvent.Succeeded.class, WAIT);
        assertThat(List.of(one.agentId(), two.agentId())).containsExactlyInAnyOrder("agent-a", "agent-b");
        Instant firstEnd = firstDone.time().isBefore(secondDone.time()) ? firstDone.time() : secondDone.time();
        assertThat(one.time()).isBefore(firstEnd);
        assertThat(two.time()).isBefore(firstEnd);
    }

    @Test
    void jobsSentInOneRecordBatchAreSharedOutOnePerAgent() throws Exception {
        List<Agent> agents = startOneSlotAgents("agent-c", "agent-d");
        TestFarm.Build build = tenSecondStage();
        List<StageJob> jobs = List.of(farm.job(build, 0, List.of(), List.of()), farm.job(build, 0, List.of(), List.of()),
                farm.job(build, 0, List.of(), List.of()));
        // One batch: without a per-record acquisition limit the first agent to poll acquires all
        // three and must give two back (each release costs the job a delivery attempt).
        farm.publishInOneBatch(jobs);

        List<StageEvent.Claimed> claims = new ArrayList<>();
        List<StageEvent.Succeeded> done = new ArrayList<>();
        for (StageJob job : jobs) {
            claims.add(events.await(job.stageRunId(), StageEvent.Claimed.class, WAIT));
            done.add(events.await(job.stageRunId(), StageEvent.Succeeded.class, WAIT));
        }
        Instant firstEnd = done.stream().map(StageEvent::time).min(Instant::compareTo).orElseThrow();
        List<StageEvent.Claimed> beforeFirstEnd = claims.stream().filter(c -> c.time().isBefore(firstEnd)).toList();
        assertThat(beforeFirstEnd).extracting(StageEvent.Claimed::agentId)
                .containsExactlyInAnyOrder("agent-c", "agent-d");
        // The third went to whichever agent freed its slot first, once, without waiting for a lock to expire.
        StageEvent.Claimed third = claims.stream().filter(c -> !c.time().isBefore(firstEnd)).findFirst().orElseThrow();
        assertThat(Duration.between(firstEnd, third.time())).isLessThan(Duration.ofSeconds(10));
        for (StageJob job : jobs) {
            assertThat(events.of(job.stageRunId())).filteredOn(StageEvent.Claimed.class::isInstance).hasSize(1);
        }
        // Each poll acquired one record of the batch: no agent had to give jobs back.
        assertThat(agents).extracting(a -> a.intake().releasedExtras()).containsOnly(0L);
    }

    @Test
    void abortStopsTheRunningStageSilentlyAndLeavesNoContainer(TestDocker docker) throws Exception {
        Agent agent = farm.startAgent("agent-abort", 1, Duration.ofSeconds(5));
        TestFarm.Build build = farm.context(Map.of("Dockerfile", """
                FROM busybox
                RUN echo started && sleep 120
                """));
        StageJob job = farm.job(build, 0, List.of(), List.of());
        farm.publish(job);
        events.await(job.stageRunId(), StageEvent.LogChunk.class, c -> c.text().contains("started"), WAIT);

        Instant sent = Instant.now();
        farm.control(new ControlMessage.AbortAttempt(ProtocolVersion.CURRENT, job.buildId(), job.stageRunId(), 1,
                "agent-abort", "lost the claim race", Instant.now()));
        awaitIdle(agent);
        assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(30));
        assertThat(docker.engine().containers().containersNamed(StageSession.namePrefix("agent-abort"))).isEmpty();
        Thread.sleep(1_000);
        assertThat(events.of(job.stageRunId())).noneMatch(e -> e instanceof StageEvent.Failed
                || e instanceof StageEvent.Succeeded);
    }

    @Test
    void shutdownPastTheGracePeriodFailsTheStageForAnotherAttempt(TestDocker docker) throws Exception {
        Agent agent = farm.startAgent("agent-stop", 1, Duration.ofSeconds(1));
        TestFarm.Build build = farm.context(Map.of("Dockerfile", """
                FROM busybox
                RUN echo started && sleep 120
                """));
        StageJob job = farm.job(build, 0, List.of(), List.of());
        farm.publish(job);
        events.await(job.stageRunId(), StageEvent.LogChunk.class, c -> c.text().contains("started"), WAIT);

        agent.close();
        StageEvent.Failed failed = events.await(job.stageRunId(), StageEvent.Failed.class, Duration.ofSeconds(30));
        assertThat(failed.cause()).isEqualTo(FailureCause.INFRASTRUCTURE);
        assertThat(failed.code()).isEqualTo(FailureCode.AGENT_STOPPING);
        assertThat(docker.engine().containers().containersNamed(StageSession.namePrefix("agent-stop"))).isEmpty();
    }

    private List<Agent> startOneSlotAgents(String... ids) throws Exception {
        List<Agent> agents = new ArrayList<>();
        for (String id : ids) {
            agents.add(farm.startAgent(id, 1, Duration.ofSeconds(5)));
        }
        return agents;
    }

    /** A stored build whose only stage sleeps 10 s. */
    private TestFarm.Build tenSecondStage() throws Exception {
        return farm.context(Map.of("Dockerfile", """
                FROM busybox
                RUN sleep 10
                """));
    }

    private static void awaitIdle(Agent agent) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (agent.intake().busySlots() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(agent.intake().busySlots()).isZero();
    }

    private Map<String, String> filesOf(String key) throws Exception {
        Map<String, String> files = new java.util.TreeMap<>();
        try (InputStream in = store.get(key).orElseThrow()) {
            TarFiles.read(in).forEach((name, content) -> files.put(name, new String(content, StandardCharsets.UTF_8)));
        }
        return files;
    }

    private static byte[] tarOf(String name, String content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(bytes.length);
            entry.setMode(0644);
            tar.putArchiveEntry(entry);
            tar.write(bytes);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }
}
