package dev.stagefarm.coordinator.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A build's progress as a stream that starts from the first entry (so a late subscriber misses
 * nothing), follows new entries as they are committed, and completes after the build's final
 * entry. Reads the database, so it works the same after a coordinator restart.
 */
@ApplicationScoped
public class ProgressFeed {
    private static final int PAGE = 500;
    private static final long IDLE_MILLIS = 100;

    @Inject
    BuildEventLog log;

    private final ExecutorService followers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stagefarm-progress");
        t.setDaemon(true);
        return t;
    });

    public Multi<ProgressEvent> follow(UUID buildId) {
        return Multi.createFrom().emitter(emitter -> followers.submit(() -> feed(buildId, emitter)));
    }

    private void feed(UUID buildId, MultiEmitter<? super ProgressEvent> emitter) {
        long last = 0;
        try {
            while (!emitter.isCancelled()) {
                final long after = last;
                List<ProgressEvent> page = QuarkusTransaction.requiringNew().call(() -> log.since(buildId, after, PAGE)
                        .stream().map(e -> new ProgressEvent(e.id, e.kind, e.stageIndex, e.at, e.payload)).toList());
                for (ProgressEvent event : page) {
                    emitter.emit(event);
                    last = event.seq();
                    if (event.ends()) {
                        emitter.complete();
                        return;
                    }
                }
                if (page.isEmpty()) {
                    Thread.sleep(IDLE_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        } catch (RuntimeException e) {
            emitter.fail(e);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        followers.shutdownNow();
    }
}
