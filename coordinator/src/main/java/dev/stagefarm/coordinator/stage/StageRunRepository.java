package dev.stagefarm.coordinator.stage;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Stage runs in PostgreSQL. */
@ApplicationScoped
public class StageRunRepository implements PanacheRepositoryBase<StageRunEntity, UUID> {

    public List<StageRunEntity> ofBuild(UUID buildId) {
        return list("buildId = ?1 order by stageIndex", buildId);
    }

    /** Running attempts whose lease ran out before {@code now}. */
    public List<StageRunEntity> expiredLeases(Instant now) {
        return list("state = ?1 and leaseExpiresAt < ?2", StageRunState.RUNNING, now);
    }

    public long countIn(StageRunState state) {
        return count("state", state);
    }
}
