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

    /**
     * Records that {@code agentId} is alive at {@code now}, with what it reported of itself if
     * anything; joins the caller's transaction. One statement, new agent or known: every poll of
     * agent events with a claim or heartbeat passes here.
     */
    public void seen(String agentId, AgentInfo info, Instant now) {
        if (info == null) {
            getEntityManager().createNativeQuery("insert into agent (id, slots, busy_slots, labels, first_seen,"
                    + " last_heartbeat) values (?1, 0, 0, '{}', ?2, ?2)"
                    + " on conflict (id) do update set last_heartbeat = excluded.last_heartbeat")
                    .setParameter(1, agentId).setParameter(2, now).executeUpdate();
            return;
        }
        getEntityManager().createNativeQuery("insert into agent (id, host, slots, busy_slots, labels, first_seen,"
                + " last_heartbeat) values (?1, cast(?2 as text), ?3, ?4, ?5, ?6, ?6)" // a host may be unknown
                + " on conflict (id) do update set host = excluded.host, slots = excluded.slots,"
                + " busy_slots = excluded.busy_slots, labels = excluded.labels,"
                + " last_heartbeat = excluded.last_heartbeat")
                .setParameter(1, agentId).setParameter(2, info.host()).setParameter(3, info.slots())
                .setParameter(4, info.busySlots()).setParameter(5, Json.write(info.labels())).setParameter(6, now)
                .executeUpdate();
    }

    public List<AgentEntity> all() {
        return list("order by id");
    }
}
