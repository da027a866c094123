package dev.stagefarm.agent.executor;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-agent locks of cache mounts with {@code sharing=locked} (and {@code private}, which this
 * agent serves as locked: one writer at a time on the one folder). Thread-safe; one per agent.
 */
public final class CacheLocks {
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    ReentrantLock lockFor(String volume) {
        return locks.computeIfAbsent(volume, v -> new ReentrantLock());
    }
}
