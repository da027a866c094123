package dev.stagefarm.coordinator.agent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An agent the coordinator has heard from. */
@Entity
@Table(name = "agent")
public class AgentEntity {
    @Id
    public String id;
    public String host;
    public int slots;
    @Column(name = "busy_slots")
    public int busySlots;
    /** JSON object of labels. */
    public String labels;
    @Column(name = "first_seen")
    public Instant firstSeen;
    @Column(name = "last_heartbeat")
    public Instant lastHeartbeat;
}
