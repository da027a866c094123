package dev.stagefarm.coordinator.agent;

import dev.stagefarm.coordinator.config.Json;
import dev.stagefarm.protocol.AgentInfo;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Agents the coordinator heard from, updated by their claims and heartbeats. */
@ApplicationScoped
public class AgentRepository implements PanacheRepositoryBase<AgentEntity, String> {

    /** Records that {@code agentId} is alive at {@code now}; joins the caller's transaction. */
    public void seen(String agentId, AgentInfo info, Instant now) {
        AgentEntity agent = findById(agentId);
        boolean isNew = agent == null;
        if (isNew) {
            agent = new AgentEntity();
            agent.id = agentId;
            agent.firstSeen = now;
            agent.labels = "{}";
        }
        agent.lastHeartbeat = now;
        if (info != null) {
            agent.host = info.host();
            agent.slots = info.slots();
            agent.busySlots = info.busySlots();
            agent.labels = Json.write(info.labels());
        }
        if (isNew) {
            persist(agent);
        }
    }

    public List<AgentEntity> all() {
        return list("order by id");
    }
}
