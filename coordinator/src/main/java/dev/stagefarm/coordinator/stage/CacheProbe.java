package dev.stagefarm.coordinator.stage;

import dev.stagefarm.coordinator.dispatch.JobFactory;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.StageOutput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;

/**
 * Tells whether a stage's result is already stored under its cache key: every output exists (for
 * files, the manifest that the agent writes last). Such a stage is CACHED and never dispatched.
 */
@ApplicationScoped
public class CacheProbe {
    @Inject
    ObjectStore store;

    public boolean complete(StageRunEntity run) {
        List<StageOutput> outputs = JobFactory.outputs(run);
        if (outputs.isEmpty()) {
            return false;
        }
        for (StageOutput out : outputs) {
            String marker = out.kind() == ArtifactKind.FILES ? out.manifestKey() : out.objectKey();
            try {
                if (store.stat(marker).isEmpty()) {
                    return false;
                }
            } catch (IOException e) {
                throw new StagefarmException(FailureCode.OBJECT_STORE, marker, 0,
                        "cannot check the cache: " + e.getMessage(), e);
            }
        }
        return true;
    }
}
