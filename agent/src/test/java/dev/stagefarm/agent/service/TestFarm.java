package dev.stagefarm.agent.service;

import dev.stagefarm.agent.docker.TestDocker;
import dev.stagefarm.agent.kafka.KafkaBrokerExtension;
import dev.stagefarm.context.ContextPacker;
import dev.stagefarm.context.PackedContext;
import dev.stagefarm.dockerfile.syntax.DockerfileParser;
import dev.stagefarm.kafka.KafkaBroker;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.objectstore.S3Config;
import dev.stagefarm.plan.BuildPlan;
import dev.stagefarm.plan.PlanOptions;
import dev.stagefarm.plan.Planner;
import dev.stagefarm.plan.cache.ContextDigests;
import dev.stagefarm.plan.cache.StageCacheKeys;
import dev.stagefarm.protocol.ControlMessage;
import dev.stagefarm.protocol.Deadlines;
import dev.stagefarm.protocol.ProtocolCodec;
import dev.stagefarm.protocol.ProtocolVersion;
import dev.stagefarm.protocol.StageDefinition;
import dev.stagefarm.protocol.StageEvent;
import dev.stagefarm.protocol.StageInput;
import dev.stagefarm.protocol.StageJob;
import dev.stagefarm.protocol.StageOutput;
import dev.stagefarm.protocol.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the coordinator would do around agents in a test: pack and store a context, plan it to
 * get the stage keys, publish jobs and control messages, collect the stage events of a build.
 */
final class TestFarm implements AutoCloseable {

    /** A context stored in the object store and its plan. */
    record Build(String buildId, PackedContext packed, BuildPlan plan, Map<Integer, String> keys) {
    }

    private final KafkaBroker kafka;
    private final TestDocker docker;
    private final S3Config s3;
    private final ObjectStore store;
    private final Path work;
    private final KafkaProducer<String, byte[]> producer;
    private final List<Agent> agents = new ArrayList<>();

    TestFarm(KafkaBroker kafka, TestDocker docker, S3Config s3, ObjectStore store, Path work) {
        this.kafka = kafka;
        this.docker = docker;
        this.s3 = s3;
        this.store = store;
        this.work = work;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    Agent startAgent(String id, int slots, Duration grace) throws Exception {
        Agent agent = Agent.start(new AgentOptions(id, "test-host", docker.host(), kafka.bootstrapServers(),
                Topics.STAGE_JOBS, Topics.STAGE_EVENTS, Topics.CONTROL, KafkaBrokerExtension.AGENT_GROUP, s3, slots,
                Duration.ofMillis(500), grace, work.resolve(id), false, Map.of("pool", "test")),
                new SimpleMeterRegistry(), Clock.systemUTC());
        agents.add(agent);
        if (!agent.control().awaitAssigned(Duration.ofSeconds(60))) {
            throw new IllegalStateException("control listener of " + id + " got no partition");
        }
        return agent;
    }

    /** Packs {@code files} (name → content) as a context, stores it and plans it. */
    Build context(Map<String, String> files) throws Exception {
        Path dir = Files.createTempDirectory(work, "ctx");
        for (var e : files.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        PackedContext packed = new ContextPacker().pack(dir, "Dockerfile", tar);
        store.put(dev.stagefarm.protocol.ObjectKeys.context(packed.digest().hex()),
                new ByteArrayInputStream(tar.toByteArray()), tar.size());
        BuildPlan plan = Planner.plan(DockerfileParser.parse("Dockerfile", files.get("Dockerfile")),
                PlanOptions.defaults());
        return new Build(UUID.randomUUID().toString(), packed, plan,
                StageCacheKeys.compute(plan, ContextDigests.of(packed.manifest())));
    }

    StageJob job(Build build, int stage, List<StageInput> inputs, List<StageOutput> outputs) {
        return new StageJob(ProtocolVersion.CURRENT, build.buildId(), UUID.randomUUID().toString(), 1,
                new StageDefinition(stage, build.plan().stage(stage).name(), "Dockerfile", null, Map.of(), List.of()),
                build.packed().digest().hex(), dev.stagefarm.protocol.ObjectKeys.context(build.packed().digest().hex()),
                inputs, outputs, build.keys().get(stage), "linux/amd64", false,
                new Deadlines(500, 5000, Instant.now().plusSeconds(600)));
    }

    /** Publishes one job and waits until the broker has it. */
    void publish(StageJob job) throws Exception {
        producer.send(new ProducerRecord<>(Topics.STAGE_JOBS, job.buildId(), ProtocolCodec.encode(job))).get();
        producer.flush();
    }

    /**
     * Publishes the jobs in ONE record batch, as the coordinator's job producer does with jobs
     * queued together: a producer that would linger a minute and has room for all of them
     * holds every record in the partition's open batch until the flush sends that batch.
     */
    void publishInOneBatch(List<StageJob> jobs) throws Exception {
        try (KafkaProducer<String, byte[]> batching = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 60_000, ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20),
                new StringSerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
            for (StageJob job : jobs) {
                sent.add(batching.send(new ProducerRecord<>(Topics.STAGE_JOBS, job.buildId(), ProtocolCodec.encode(job))));
            }
            for (var f : sent) {
                if (f.isDone()) {
                    throw new IllegalStateException("a job went out before the flush: not one batch");
                }
            }
            batching.flush();
            for (var f : sent) {
                f.get();
            }
        }
    }

    void control(ControlMessage message) throws Exception {
        producer.send(new ProducerRecord<>(Topics.CONTROL, message.buildId(), ProtocolCodec.encode(message))).get();
    }

    /** Reads the stage-event topic from the start, in the background. */
    EventLog events() {
        return new EventLog(kafka.bootstrapServers());
    }

    @Override
    public void close() throws Exception {
        for (Agent agent : agents) {
            agent.close();
        }
        producer.close();
    }

    /** Every stage event published, in arrival order. */
    static final class EventLog implements AutoCloseable {
        private final List<StageEvent> events = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        EventLog(String bootstrap) {
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(Topics.STAGE_EVENTS));
            thread = new Thread(() -> {
                try (consumer) {
                    while (running) {
                        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                            events.add(ProtocolCodec.decodeEvent(r.value()));
                        }
                    }
                }
            });
            thread.start();
        }

        List<StageEvent> of(String stageRunId) {
            return events.stream().filter(e -> e.stageRunId().equals(stageRunId)).toList();
        }

        /** Waits for the first event of the run matching {@code condition}. */
        <T extends StageEvent> T await(String stageRunId, Class<T> type, Duration timeout) throws InterruptedException {
            return await(stageRunId, type, e -> true, timeout);
        }

        <T extends StageEvent> T await(String stageRunId, Class<T> type, Predicate<T> condition, Duration timeout)
                throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (StageEvent e : of(stageRunId)) {
                    if (type.isInstance(e) && condition.test(type.cast(e))) {
                        return type.cast(e);
                    }
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no " + type.getSimpleName() + " for " + stageRunId + " within " + timeout
                    + "; got " + of(stageRunId));
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }
    }
}
