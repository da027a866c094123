package dev.stagefarm.coordinator.stage;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Stage runs in PostgreSQL. */
@ApplicationScoped
public class StageRunRepository implements PanacheRepositoryBase<StageRunEntity, UUID> {

    public List<StageRunEntity> ofBuild(UUID buildId) {
        return list("buildId = ?1 order by stageIndex", buildId);
    }

    /** The stage runs of several builds, read in one query, by build. */
    public Map<UUID, List<StageRunEntity>> ofBuilds(Collection<UUID> buildIds) {
        return list("buildId in ?1 order by stageIndex", buildIds).stream()
                .collect(Collectors.groupingBy(r -> r.buildId));
    }

    /** Running attempts whose lease ran out before {@code now}. */
    public List<StageRunEntity> expiredLeases(Instant now) {
        return list("state = ?1 and leaseExpiresAt < ?2", StageRunState.RUNNING, now);
    }

    /** Moves every running attempt's lease end to at least {@code until}; returns how many moved. */
    public int extendLeasesTo(Instant until) {
        return update("leaseExpiresAt = ?1 where state = ?2 and (leaseExpiresAt is null or leaseExpiresAt < ?1)",
                until, StageRunState.RUNNING);
    }

    /** The image id an earlier run of this cache key reported, if any. */
    public Optional<String> storedImageId(String cacheKey) {
        return find("cacheKey = ?1 and imageId is not null", cacheKey).firstResultOptional().map(r -> r.imageId);
    }

    public long countIn(StageRunState state) {
        return count("state", state);
    }
}
