package dev.stagefarm.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.cli.testing.RecordedCoordinator;
import dev.stagefarm.cli.testing.Recordings;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real HTTP round trips against a local server that serves recorded event streams. */
class EventFollowerTest {
    @TempDir
    Path temp;

    @Test
    void followsARecordedStreamToTheBuildsEnd() throws Exception {
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)) {
            coordinator.stream(Recordings.sse("three-stages-succeed"));
            List<ProgressEvent> seen = new ArrayList<>();

            EventFollower.End end = new EventFollower(new CoordinatorClient(coordinator.uri()), 3, Duration.ofMillis(10))
                    .follow("b-3f2a", 0, seen::add);

            assertThat(end).isEqualTo(EventFollower.End.BUILD_ENDED);
            assertThat(seen).extracting(ProgressEvent::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 24).boxed().toList());
            assertThat(seen.get(seen.size() - 1).kind()).isEqualTo("BUILD_SUCCEEDED");
            assertThat(coordinator.requests("GET", "/api/v1/builds/b-3f2a/events")).hasSize(1);
        }
    }

    @Test
    void reconnectsWithLastEventIdAndDropsReplayedEvents() throws Exception {
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)) {
            // The first connection breaks after event 9; the coordinator then replays from the start.
            coordinator.stream(Recordings.sseBetween("three-stages-succeed", 1, 9) + "data:{\"seq\":10,\"ki")
                    .stream(Recordings.sse("three-stages-succeed"));
            List<ProgressEvent> seen = new ArrayList<>();

            new EventFollower(new CoordinatorClient(coordinator.uri()), 3, Duration.ofMillis(10))
                    .follow("b-3f2a", 0, seen::add);

            assertThat(seen).extracting(ProgressEvent::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 24).boxed().toList());
            List<RecordedCoordinator.Request> connections = coordinator.requests("GET", "/api/v1/builds/b-3f2a/events");
            assertThat(connections).hasSize(2);
            assertThat(connections.get(0).header("Last-Event-ID")).isNull();
            assertThat(connections.get(1).header("Last-Event-ID")).isEqualTo("9");
        }
    }

    @Test
    void resumesWhenTheCoordinatorSendsOnlyTheRest() throws Exception {
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)) {
            coordinator.stream(Recordings.sseBetween("three-stages-succeed", 1, 12))
                    .stream(Recordings.sseBetween("three-stages-succeed", 13, 24));
            List<ProgressEvent> seen = new ArrayList<>();

            new EventFollower(new CoordinatorClient(coordinator.uri()), 3, Duration.ofMillis(10))
                    .follow("b-3f2a", 0, seen::add);

            assertThat(seen).hasSize(24);
        }
    }

    @Test
    void givesUpWhenTheStreamKeepsEndingWithoutProgress() throws Exception {
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)) {
            coordinator.stream(Recordings.sseBetween("three-stages-succeed", 1, 3));
            EventFollower follower = new EventFollower(new CoordinatorClient(coordinator.uri()), 2, Duration.ofMillis(5));

            assertThatThrownBy(() -> follower.follow("b-3f2a", 0, e -> { }))
                    .isInstanceOfSatisfying(StagefarmException.class,
                            e -> assertThat(e.code()).isEqualTo(FailureCode.COORDINATOR_UNREACHABLE));
            // the connection that brought events, then the two allowed reconnections that brought none
            assertThat(coordinator.requests("GET", "/api/v1/builds/b-3f2a/events")).hasSize(3);
        }
    }

    @Test
    void unknownBuildIsReportedWithTheCoordinatorsCode() throws Exception {
        try (RecordedCoordinator coordinator = new RecordedCoordinator(temp)) {
            CoordinatorClient client = new CoordinatorClient(coordinator.uri());

            assertThatThrownBy(() -> client.build("nope"))
                    .isInstanceOfSatisfying(StagefarmException.class, e -> {
                        assertThat(e.code()).isEqualTo(FailureCode.UNKNOWN_BUILD);
                        assertThat(e.subject()).isEqualTo("build nope");
                        assertThat(e.getMessage()).isEqualTo("no build with id nope");
                    });
        }
    }
}
