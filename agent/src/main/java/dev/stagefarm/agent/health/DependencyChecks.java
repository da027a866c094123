package dev.stagefarm.agent.health;

import dev.stagefarm.agent.service.Agent;
import dev.stagefarm.agent.service.AgentService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of what the agent cannot work without: its Docker daemon, Kafka and the object store.
 * Each check does one cheap round trip (ping, describe cluster, stat of a key).
 */
@ApplicationScoped
public class DependencyChecks {

    @Inject
    AgentService service;

    @Readiness
    @Produces
    HealthCheck docker() {
        return () -> check("docker", () -> {
            agent().engine().ping();
            return Map.of("host", agent().options().dockerHost());
        });
    }

    @Readiness
    @Produces
    HealthCheck kafka() {
        return () -> check("kafka", () -> {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    agent().options().bootstrapServers(), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
                int nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
                return Map.of("brokers", Integer.toString(nodes));
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    @Readiness
    @Produces
    HealthCheck objectStore() {
        return () -> check("object-store", () -> {
            agent().store().stat("health/agent-probe");
            return Map.of("bucket", agent().options().s3().bucket());
        });
    }

    private Agent agent() {
        Agent agent = service.agent();
        if (agent == null) {
            throw new IllegalStateException("the agent has not started");
        }
        return agent;
    }

    private static HealthCheckResponse check(String name, Supplier<Map<String, String>> probe) {
        try {
            var up = HealthCheckResponse.named(name).up();
            probe.get().forEach(up::withData);
            return up.build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(name).down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
