package dev.stagefarm.coordinator.farm;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.protocol.AgentInfo;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.FailureCause;
import dev.stagefarm.protocol.ProtocolCodec;
import dev.stagefarm.protocol.ProtocolVersion;
import dev.stagefarm.protocol.StageEvent;
import dev.stagefarm.protocol.StageJob;
import dev.stagefarm.protocol.StageOutput;
import dev.stagefarm.protocol.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An agent for tests: takes jobs from the real job topic and answers on the real event topic, as
 * a {@link Behaviour} says per job. Runs each job on its own thread so a job that waits never
 * blocks the next. Jobs it has seen are kept in arrival order.
 */
public final class TestAgent implements AutoCloseable {
    /** What to do with one job. */
    public enum Reply {
        SUCCEED, SUCCEED_AT_ONCE, FAIL_BUILD, FAIL_INFRASTRUCTURE, CLAIM_THEN_SILENCE,
        /** As an agent that stores (and pushes) image outputs: ARTIFACT_STORED with ids, then success. */
        SUCCEED_WITH_IMAGES
    }

    /** Decides the reply for a job; may block to hold a job back. */
    public interface Behaviour extends Function<StageJob, Reply> {
    }

    /**
     * One job received: when the coordinator's producer sent it, when this agent's poll returned it
     * ({@code at}), and when this agent had decoded it and handed it to a worker, after the poll's
     * earlier jobs (its own handling, not the dispatch's).
     */
    public record Received(StageJob job, Instant at, Instant sentAt, Instant handedOverAt) {
    }

    private final String agentId;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> new Thread(r, "test-agent-worker"));
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> replied = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;
    private volatile boolean held;
    private volatile Behaviour behaviour;
    private volatile Consumer<StageJob> beforeClaim = job -> { };

    public TestAgent(String agentId, String bootstrap, Behaviour behaviour) {
        this.agentId = agentId;
        this.behaviour = behaviour;
        // Client ids and thread names start with "test-agent", so a benchmark can tell this agent's CPU apart.
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-agents", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true, ConsumerConfig.CLIENT_ID_CONFIG,
                "test-agent-" + agentId + "-jobs"), new StringDeserializer(), new ByteArrayDeserializer());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.CLIENT_ID_CONFIG,
                "test-agent-" + agentId + "-events"), new StringSerializer(), new ByteArraySerializer());
        consumer.subscribe(List.of(Topics.STAGE_JOBS));
        // Join the group before the test publishes anything ("latest" would skip earlier jobs).
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        poller = new Thread(this::poll, "test-agent-" + agentId);
        poller.start();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void behaviour(Behaviour next) {
        behaviour = next;
    }

    /** Runs {@code hook} for each job before this agent claims it (the behaviour runs after the claim). */
    public void beforeClaim(Consumer<StageJob> hook) {
        beforeClaim = hook;
    }

    /** Stops taking jobs (they wait on the topic) until {@link #release}. */
    public void hold() {
        held = true;
    }

    public void release() {
        held = false;
    }

    /** When this agent sent SUCCEEDED for the attempt, if it did. */
    public Optional<Instant> succeededAt(String stageRunId, int attempt) {
        return Optional.ofNullable(replied.get(stageRunId + "/" + attempt));
    }

    private void poll() {
        boolean paused = false;
        while (running) {
            if (held != paused) {
                paused = held;
                if (paused) {
                    consumer.pause(consumer.assignment());
                } else {
                    consumer.resume(consumer.paused());
                }
            }
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(paused ? 10 : 50));
            Instant polledAt = Instant.now();
            for (ConsumerRecord<String, byte[]> r : records) {
                StageJob job = ProtocolCodec.decodeJob(r.value());
                received.add(new Received(job, polledAt, Instant.ofEpochMilli(r.timestamp()), Instant.now()));
                workers.submit(() -> run(job));
            }
        }
        consumer.close();
    }

    private void run(StageJob job) {
        beforeClaim.accept(job);
        send(new StageEvent.Claimed(ProtocolVersion.CURRENT, job.buildId(), job.stageRunId(), job.attempt(), agentId,
                Instant.now(), new AgentInfo("test-host", 4, 1, Map.of("pool", "test"))));
        Reply reply = behaviour.apply(job);
        Instant now = Instant.now();
        switch (reply) {
            case SUCCEED -> {
                send(new StageEvent.StepStarted(1, job.buildId(), job.stageRunId(), job.attempt(), agentId, now, 0,
                        "RUN true"));
                send(new StageEvent.StepFinished(1, job.buildId(), job.stageRunId(), job.attempt(), agentId, now, 0,
                        false, 1));
                send(succeeded(job));
            }
            case FAIL_BUILD, FAIL_INFRASTRUCTURE -> send(new StageEvent.Failed(1, job.buildId(), job.stageRunId(),
                    job.attempt(), agentId, now,
                    reply == Reply.FAIL_BUILD ? FailureCause.BUILD : FailureCause.INFRASTRUCTURE,
                    reply == Reply.FAIL_BUILD ? FailureCode.RUN_EXIT_NONZERO : FailureCode.DOCKER_DAEMON,
                    "Dockerfile:4", "RUN exited with 2", 1, "RUN make test", List.of("compiling", "1 test failed")));
            case SUCCEED_AT_ONCE -> send(succeeded(job));
            case SUCCEED_WITH_IMAGES -> {
                for (StageOutput out : job.outputs()) {
                    if (out.kind() == ArtifactKind.IMAGE) {
                        send(new StageEvent.ArtifactStored(ProtocolVersion.CURRENT, job.buildId(), job.stageRunId(),
                                job.attempt(), agentId, now, ArtifactKind.IMAGE, out.objectKey(), 1024, "ab",
                                imageId(job.cacheKey()), out.push().stream()
                                        .map(ref -> repository(ref) + "@" + manifestDigest(job.cacheKey())).toList()));
                    }
                }
                send(succeeded(job));
            }
            case CLAIM_THEN_SILENCE -> {
            }
        }
    }

    /** The image id this agent reports for a stage of {@code cacheKey}. */
    public static String imageId(String cacheKey) {
        return "sha256:" + cacheKey;
    }

    /** The manifest digest this agent reports for a push of a stage of {@code cacheKey}. */
    public static String manifestDigest(String cacheKey) {
        return "sha256:" + new StringBuilder(cacheKey).reverse();
    }

    private static String repository(String reference) {
        int colon = reference.lastIndexOf(':');
        return colon > reference.lastIndexOf('/') ? reference.substring(0, colon) : reference;
    }

    public StageEvent.Succeeded succeeded(StageJob job) {
        Instant now = Instant.now();
        replied.put(job.stageRunId() + "/" + job.attempt(), now);
        return new StageEvent.Succeeded(1, job.buildId(), job.stageRunId(), job.attempt(), agentId, now, List.of(), 1);
    }

    /** Publishes an event as this agent would, waiting for the broker's acknowledgement. */
    public void send(StageEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.STAGE_EVENTS, event.buildId(), ProtocolCodec.encode(event)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + event, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5_000);
        workers.shutdownNow();
        producer.close();
    }
}
