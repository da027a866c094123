package dev.stagefarm.artifactstore;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * A chunk's upload or download, run on a thread of its own, awaited by the thread that started
 * it: its failure reaches that thread as the exception the chunk's work threw (an
 * {@link IOException} of the store or the source, a {@link StagefarmException}), not wrapped.
 */
final class ChunkTask {
    private ChunkTask() {
    }

    /** The task's result; {@code doing} names the work for an interruption or an unexpected error. */
    static <T> T await(Future<T> task, String doing) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + doing);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StagefarmException(FailureCode.OBJECT_STORE, "artifact chunk", 0,
                    doing + " failed: " + e.getCause(), e.getCause());
        }
    }
}
