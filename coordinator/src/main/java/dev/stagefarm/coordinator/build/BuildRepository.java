package dev.stagefarm.coordinator.build;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Builds in PostgreSQL. */
@ApplicationScoped
public class BuildRepository implements PanacheRepositoryBase<BuildEntity, UUID> {

    /**
     * The build, locked for the rest of the transaction. Every change to a build or its stage runs
     * takes this lock first, so event handling, the lease monitor and cancellation never interleave.
     */
    public Optional<BuildEntity> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Newest first, optionally filtered by state and one {@code name=value} label. */
    public List<BuildEntity> search(BuildState state, String labelName, String labelValue, int limit) {
        StringBuilder q = new StringBuilder("from BuildEntity b where 1 = 1");
        Parameters params = new Parameters();
        if (state != null) {
            q.append(" and b.state = :state");
            params.and("state", state);
        }
        if (labelName != null) {
            q.append(" and exists (select 1 from BuildLabelEntity l where l.buildId = b.id"
                    + " and l.name = :ln and l.value = :lv)");
            params.and("ln", labelName).and("lv", labelValue);
        }
        q.append(" order by b.createdAt desc");
        return find(q.toString(), params).page(0, limit).list();
    }

    public long countIn(BuildState state) {
        return count("state", state);
    }
}
