package dev.stagefarm.coordinator.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stagefarm.coordinator.agent.AgentRepository;
import dev.stagefarm.coordinator.config.Json;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The agents the coordinator has heard from. */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    @Inject
    AgentRepository agents;

    /** One agent. */
    public record AgentView(String id, String host, int slots, int busySlots, Map<String, String> labels,
            Instant firstSeen, Instant lastHeartbeat) {
    }

    @GET
    @Transactional
    public List<AgentView> list() {
        return agents.all().stream().map(a -> new AgentView(a.id, a.host, a.slots, a.busySlots,
                Json.read(a.labels, MAP), a.firstSeen, a.lastHeartbeat)).toList();
    }
}
