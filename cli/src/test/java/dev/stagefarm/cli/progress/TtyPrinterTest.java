package dev.stagefarm.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.cli.api.ProgressEvent;
import dev.stagefarm.cli.testing.Recordings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TtyPrinterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T10:00:04Z"), ZoneOffset.UTC);

    @Test
    void redrawsTheFrameInPlaceAndLeavesTheSummaryBelowIt() {
        StringWriter text = new StringWriter();
        BuildSnapshot snapshot = BuildSnapshot.of(Recordings.build("three-stages-created"));
        // an interval of an hour: only the explicit draws below happen
        try (TtyPrinter printer = new TtyPrinter(new PrintWriter(text), 80, CLOCK, Duration.ofHours(1))) {
            printer.start(snapshot);
            String first = text.toString();
            List<ProgressEvent> events = Recordings.events("three-stages-succeed");
            for (ProgressEvent event : events) {
                snapshot = snapshot.apply(event);
                printer.event(event, snapshot);
            }
            assertThat(text.toString()).isEqualTo(first);

            printer.finish(snapshot, Recordings.build("three-stages-succeeded").image());

            assertThat(first).startsWith("\u001b[2K[+] Building 4.0s (0/3 stages)\n").doesNotContain("\u001b[4A");
            String last = text.toString().substring(first.length());
            // back up over the four lines drawn, redraw each, clear what is below
            assertThat(last).startsWith("\r\u001b[4A\u001b[2K[+] Build SUCCEEDED in 6.3s (3/3 stages)\n")
                    .contains("\u001b[J")
                    .endsWith("Image: app:1.0 sha256:" + "c0".repeat(32) + "\n");
        }
    }

    @Test
    void pauseStopsDrawingUntilResumed() {
        StringWriter text = new StringWriter();
        BuildSnapshot snapshot = BuildSnapshot.of(Recordings.build("three-stages-created"));
        try (TtyPrinter printer = new TtyPrinter(new PrintWriter(text), 80, CLOCK, Duration.ofMillis(5))) {
            printer.start(snapshot);
            printer.pause();
            int length = text.toString().length();
            sleep(60);
            assertThat(text.toString()).hasSize(length);
            printer.resume();
            sleep(60);
            assertThat(text.toString().length()).isGreaterThan(length);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
