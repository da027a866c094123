package dev.stagefarm.coordinator.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the Kafka cluster answers (the datasource check comes with Quarkus). */
@Readiness
@ApplicationScoped
public class KafkaHealth implements HealthCheck {
    @Inject
    KafkaClients kafka;

    @Override
    public HealthCheckResponse call() {
        try (Admin admin = kafka.admin()) {
            int brokers = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            return HealthCheckResponse.named("kafka").status(brokers > 0).withData("brokers", brokers).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("kafka").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
