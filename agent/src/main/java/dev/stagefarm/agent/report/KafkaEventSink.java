package dev.stagefarm.agent.report;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.protocol.ProtocolCodec;
import dev.stagefarm.protocol.StageEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes stage events on the stage-event topic with {@code acks=all} and idempotence, keyed by
 * build id so that one build's events stay in order. Thread-safe (one shared producer).
 */
public final class KafkaEventSink implements EventSink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KafkaEventSink.class);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Duration timeout;

    public KafkaEventSink(String bootstrapServers, String topic, String clientId, Duration timeout) {
        this.topic = topic;
        this.timeout = timeout;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1_000) + 1_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1_000),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void send(StageEvent event) {
        try {
            producer.send(record(event), (metadata, error) -> {
                if (error != null) {
                    LOG.warnf("event %s of %s/%d not delivered: %s", event.getClass().getSimpleName(),
                            event.stageRunId(), event.attempt(), error.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("event %s not sent: %s", event.getClass().getSimpleName(), e.getMessage());
        }
    }

    @Override
    public void sendAndWait(StageEvent event) {
        try {
            producer.send(record(event)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(event, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw failure(event, e);
        }
    }

    private ProducerRecord<String, byte[]> record(StageEvent event) {
        return new ProducerRecord<>(topic, event.buildId(), ProtocolCodec.encode(event));
    }

    private StagefarmException failure(StageEvent event, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new StagefarmException(FailureCode.KAFKA, topic, 0, "could not publish "
                + event.getClass().getSimpleName() + " for stage run " + event.stageRunId() + ": " + cause.getMessage(),
                cause);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
