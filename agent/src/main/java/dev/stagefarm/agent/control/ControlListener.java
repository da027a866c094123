package dev.stagefarm.agent.control;

import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.protocol.ControlMessage;
import dev.stagefarm.protocol.ProtocolCodec;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the coordinator's control topic on a thread of its own: every agent is its own consumer
 * group and starts at the latest offset (a message older than the agent concerns no attempt it
 * runs). Each message is applied to the {@link RunningAttempts}. Malformed messages are skipped.
 */
public final class ControlListener implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ControlListener.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final RunningAttempts attempts;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    public ControlListener(String bootstrapServers, String topic, String agentId, RunningAttempts attempts) {
        this.topic = topic;
        this.attempts = attempts;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "stagefarm.control." + agentId,
                ConsumerConfig.CLIENT_ID_CONFIG, "stagefarm-agent-control-" + agentId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::loop, "stagefarm-control");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** True once the listener has its partitions (and their positions), so no later message is missed. */
    public boolean awaitAssigned(Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void loop() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // Resolve the starting offsets now: "latest" is the end at assignment, not at first record.
                    partitions.forEach(consumer::position);
                    assigned.countDown();
                }
            });
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "control listener stopped");
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            ControlMessage message = ProtocolCodec.decodeControl(record.value());
            int stopped = attempts.apply(message);
            if (stopped > 0) {
                LOG.infof("%s for build %s stopped %d attempt(s)", message.getClass().getSimpleName(),
                        message.buildId(), stopped);
            }
        } catch (StagefarmException e) {
            LOG.warnf("skipping control message at offset %d: %s", record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
