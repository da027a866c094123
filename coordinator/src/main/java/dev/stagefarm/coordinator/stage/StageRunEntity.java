package dev.stagefarm.coordinator.stage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A stage run row: one per stage of a build; the attempt counts dispatches of it. */
@Entity
@Table(name = "stage_run")
public class StageRunEntity {
    @Id
    public UUID id;
    @Column(name = "build_id")
    public UUID buildId;
    @Column(name = "stage_index")
    public int stageIndex;
    @Column(name = "stage_name")
    public String stageName;
    @Enumerated(EnumType.STRING)
    public StageRunState state;
    public int attempt;
    /** Comma-separated indexes of the stages this one needs. */
    @Column(name = "depends_on")
    public String dependsOn;
    @Column(name = "cache_key")
    public String cacheKey;
    /** JSON array of the stage's instructions. */
    public String instructions;
    /** JSON array of {@code StageInput}. */
    public String inputs;
    /** JSON array of {@code StageOutput}. */
    public String outputs;
    @Column(name = "claimed_by")
    public String claimedBy;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;
    @Column(name = "queued_at")
    public Instant queuedAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "failure_code")
    public String failureCode;
    @Column(name = "failure_message")
    public String failureMessage;
    /** Its FROM and each instruction after it: the steps agents number from 0; null for older rows. */
    public Integer steps;
    /** The id ({@code sha256:} of the config) of the image the stage stored, once reported. */
    @Column(name = "image_id")
    public String imageId;
    /** JSON array of {@code name@sha256:…}, one per reference the image was pushed to, or null. */
    public String pushed;

    public List<Integer> dependsOnList() {
        return dependsOn.isEmpty() ? List.of()
                : Arrays.stream(dependsOn.split(",")).map(Integer::valueOf).toList();
    }

    public StageStatus status() {
        return new StageStatus(stageIndex, state, dependsOnList());
    }

    public String displayName() {
        return stageName != null ? stageName : Integer.toString(stageIndex);
    }
}
