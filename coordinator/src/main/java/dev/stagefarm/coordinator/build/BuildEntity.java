package dev.stagefarm.coordinator.build;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A build row. Mutable JPA state: only services in a transaction change it; never leaves the coordinator. */
@Entity
@Table(name = "build")
public class BuildEntity {
    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public BuildState state;
    @Column(name = "context_digest")
    public String contextDigest;
    @Column(name = "dockerfile_path")
    public String dockerfilePath;
    public String target;
    @Column(name = "target_index")
    public int targetIndex;
    public String platform;
    /** JSON object of build args. */
    @Column(name = "build_args")
    public String buildArgs;
    /** JSON array of image tags. */
    public String tags;
    /** JSON array of output specs. */
    public String outputs;
    /** JSON object of labels (also rows of build_label for queries). */
    public String labels;
    @Column(name = "no_cache")
    public boolean noCache;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "failure_code")
    public String failureCode;
    @Column(name = "failure_subject")
    public String failureSubject;
    @Column(name = "failure_message")
    public String failureMessage;
    @Column(name = "failure_step")
    public String failureStep;
    /** JSON array of the failing step's last log lines. */
    @Column(name = "log_tail")
    public String logTail;
}
