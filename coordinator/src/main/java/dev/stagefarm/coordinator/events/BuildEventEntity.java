package dev.stagefarm.coordinator.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One entry of a build's progress log, kept so a late subscriber can replay it from the start. */
@Entity
@Table(name = "build_event")
public class BuildEventEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "build_id")
    public UUID buildId;
    public String kind;
    @Column(name = "stage_index")
    public Integer stageIndex;
    /** JSON object with the details of this kind. */
    public String payload;
    public Instant at;
}
