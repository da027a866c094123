package dev.stagefarm.coordinator.stage;

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
 * files, the manifest that the agent writes last). Asked once per stage when a build is planned,
 * never while events are handled.
 */
@ApplicationScoped
public class CacheProbe {
    @Inject
    ObjectStore store;

    public boolean complete(List<StageOutput> outputs) {
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
