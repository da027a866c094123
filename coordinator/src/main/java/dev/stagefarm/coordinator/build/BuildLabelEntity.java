package dev.stagefarm.coordinator.build;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** One label of a build, a row of its own so that builds can be listed by label. */
@Entity
@Table(name = "build_label")
@IdClass(BuildLabelEntity.Key.class)
public class BuildLabelEntity {
    @Id
    @Column(name = "build_id")
    public UUID buildId;
    @Id
    public String name;
    public String value;

    /** Composite key. */
    public record Key(UUID buildId, String name) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
