package dev.stagefarm.coordinator.farm;

import dev.stagefarm.protocol.StageJob;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Releases builds at a steady rate, open loop: the test agent's hook before a claim holds the first
 * job of each build (its first stage, queued before the release) until that build's turn, the n-th
 * build at start + n / rate, however far behind the coordinator is. The later stages of a build go
 * through at once. Thread-safe: the agent runs each job on its own thread.
 */
final class PacedRelease implements Consumer<StageJob> {
    private final long startNanos = System.nanoTime();
    private final double buildsPerSecond;
    private final Set<String> released = ConcurrentHashMap.newKeySet();
    private final AtomicInteger turns = new AtomicInteger();

    PacedRelease(double buildsPerSecond) {
        this.buildsPerSecond = buildsPerSecond;
    }

    @Override
    public void accept(StageJob job) {
        if (!released.add(job.buildId())) {
            return;
        }
        long due = startNanos + (long) (turns.getAndIncrement() * 1e9 / buildsPerSecond);
        try {
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
