package dev.stagefarm.cli.api;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Follows a build's progress stream to its end. When the connection breaks before the build's
 * final event, it reconnects (sending {@code Last-Event-ID}) and drops every event it already
 * delivered, so the consumer sees each event exactly once and in order, whether the coordinator
 * resumes after the given id or replays the stream from the start.
 *
 * <p>{@link #stop()} may be called from another thread (Ctrl-C): {@link #follow} then returns.
 * One follower per stream.
 */
public final class EventFollower {
    private final CoordinatorClient client;
    private final int maxReconnects;
    private final Duration firstBackoff;
    private volatile InputStream current;
    private volatile boolean stopped;

    public EventFollower(CoordinatorClient client, int maxReconnects, Duration firstBackoff) {
        this.client = client;
        this.maxReconnects = maxReconnects;
        this.firstBackoff = firstBackoff;
    }

    /** What ended the following. */
    public enum End { BUILD_ENDED, STOPPED }

    /** Delivers the events after {@code afterSeq} to {@code sink} until the build ends or {@link #stop()}. */
    public End follow(String buildId, long afterSeq, Consumer<ProgressEvent> sink) {
        long last = afterSeq;
        int failures = 0;
        while (!stopped) {
            long before = last;
            try (InputStream in = client.events(buildId, last)) {
                current = in;
                if (stopped) {
                    return End.STOPPED;
                }
                SseReader reader = new SseReader(in);
                SseMessage message;
                while ((message = reader.next()) != null) {
                    ProgressEvent event = ApiJson.MAPPER.readValue(message.data(), ProgressEvent.class);
                    if (event.seq() <= last) {
                        continue;
                    }
                    last = event.seq();
                    sink.accept(event);
                    if (event.ends()) {
                        return End.BUILD_ENDED;
                    }
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new StagefarmException(FailureCode.MALFORMED_MESSAGE, "build " + buildId, 0,
                        "the coordinator sent an unreadable progress event: " + e.getOriginalMessage(), e);
            } catch (IOException | StagefarmException e) {
                if (stopped) {
                    return End.STOPPED;
                }
                if (e instanceof StagefarmException s && s.code() != FailureCode.COORDINATOR_UNREACHABLE) {
                    throw s;
                }
                failures = last > before ? 1 : failures + 1;
                if (failures > maxReconnects) {
                    throw e instanceof StagefarmException s ? s : new StagefarmException(
                            FailureCode.COORDINATOR_UNREACHABLE, client.server().toString(), 0,
                            "lost the progress stream of build " + buildId + ": " + e.getMessage(), e);
                }
                pause(failures);
                continue;
            } finally {
                current = null;
            }
            // The stream ended without the build's final event: the coordinator restarted or a proxy cut it.
            failures = last > before ? 1 : failures + 1;
            if (failures > maxReconnects) {
                throw new StagefarmException(FailureCode.COORDINATOR_UNREACHABLE, client.server().toString(), 0,
                        "the progress stream of build " + buildId + " keeps ending before the build does");
            }
            pause(failures);
        }
        return End.STOPPED;
    }

    /** Ends {@link #follow} as soon as possible; safe from any thread. */
    public void stop() {
        stopped = true;
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing only to wake the reader up
            }
        }
    }

    private void pause(int failures) {
        long millis = firstBackoff.toMillis() << Math.min(failures - 1, 5);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
