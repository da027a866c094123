package dev.stagefarm.coordinator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchesInFlightTest {
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final BatchesInFlight inFlight = new BatchesInFlight(wakeUps::incrementAndGet);

    @Test
    void shouldHandOverAcknowledgedRowsOldestBatchFirst() throws Exception {
        BatchesInFlight.Batch first = inFlight.open(List.of(11L, 10L));
        BatchesInFlight.Batch second = inFlight.open(List.of(12L));

        second.completed(null);
        assertThat(wakeUps).as("a batch done wakes the publisher").hasValue(1);
        assertThat(inFlight.takeAcknowledged()).as("not before the older batch").isEmpty();
        first.completed(null);
        assertThat(inFlight.takeAcknowledged()).as("the older one not whole yet").isEmpty();
        first.completed(null);

        assertThat(inFlight.takeAcknowledged()).containsExactly(11L, 10L, 12L);
        assertThat(inFlight.isEmpty()).isTrue();
    }

    @Test
    void shouldListRowsOnTheirWayUntilHandedOver() throws Exception {
        BatchesInFlight.Batch first = inFlight.open(List.of(3L));
        inFlight.open(List.of(1L, 2L));
        assertThat(inFlight.ids()).containsExactly(3L, 1L, 2L);

        first.completed(null);
        assertThat(inFlight.ids()).as("acknowledged but not taken: still left out of reads").contains(3L);
        inFlight.takeAcknowledged();
        assertThat(inFlight.ids()).containsExactly(1L, 2L);
        assertThat(inFlight.size()).isEqualTo(1);
    }

    @Test
    void shouldStopTheHandOverAtTheFirstFailedBatch() {
        BatchesInFlight.Batch first = inFlight.open(List.of(1L));
        BatchesInFlight.Batch failed = inFlight.open(List.of(2L, 3L));
        BatchesInFlight.Batch later = inFlight.open(List.of(4L));
        first.completed(null);
        failed.completed(null);
        failed.completed(new IllegalStateException("broker gone"));
        later.completed(null);

        assertThatThrownBy(inFlight::takeAcknowledged).isInstanceOfSatisfying(
                BatchesInFlight.PublishFailedException.class,
                e -> assertThat(e.acknowledged).as("only the batches before the failed one").containsExactly(1L));
    }

    @Test
    void shouldCountRecordsNeverSentAsFailedSoTheBatchEnds() {
        BatchesInFlight.Batch batch = inFlight.open(List.of(1L, 2L, 3L));
        batch.completed(null);
        batch.notSent(2, new IllegalStateException("producer closed"));

        assertThat(wakeUps).hasValue(1);
        assertThatThrownBy(inFlight::takeAcknowledged).isInstanceOf(BatchesInFlight.PublishFailedException.class);
    }

    @Test
    void shouldSettleWithTheAcknowledgedBatchesAndForgetTheRest() throws Exception {
        BatchesInFlight.Batch first = inFlight.open(List.of(1L));
        inFlight.open(List.of(2L));
        BatchesInFlight.Batch third = inFlight.open(List.of(3L));
        first.completed(null);
        third.completed(null);

        assertThat(inFlight.settle(50)).as("the second never answered: it and the third are sent again")
                .containsExactly(1L);
        assertThat(inFlight.isEmpty()).isTrue();
    }
}
