package dev.stagefarm.agent.kafka;

import dev.stagefarm.kafka.KafkaBroker;
import dev.stagefarm.protocol.Topics;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension giving tests a {@link KafkaBroker} with the farm's topics (one job partition,
 * as the share-group notes advise) and the agents' share group reading from the earliest offset.
 * One broker per test JVM, started on first use, stopped when the run ends. Use with
 * {@code @ExtendWith(KafkaBrokerExtension.class)} and a {@code KafkaBroker} parameter.
 */
public final class KafkaBrokerExtension implements ParameterResolver {

    public static final String AGENT_GROUP = "stagefarm.agents";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        return store.getOrComputeIfAbsent(KafkaBroker.class, key -> new Closing(start()), Closing.class).broker();
    }

    private static KafkaBroker start() {
        try {
            // a topic the tests did not create is a mistake, not something to make on first use
            KafkaBroker broker = KafkaBroker.start(Map.of("num.partitions", "1", "auto.create.topics.enable", "false"));
            broker.createTopics(Map.of(Topics.STAGE_JOBS, 1, Topics.STAGE_EVENTS, 3, Topics.CONTROL, 1));
            broker.configureGroup(AGENT_GROUP, Map.of("share.auto.offset.reset", "earliest"));
            return broker;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test Kafka broker: " + e.getMessage(), e);
        }
    }

    private record Closing(KafkaBroker broker) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            broker.close();
        }
    }
}
