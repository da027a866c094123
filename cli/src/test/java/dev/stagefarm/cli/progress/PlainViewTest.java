package dev.stagefarm.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.cli.api.ProgressEvent;
import dev.stagefarm.cli.testing.Golden;
import dev.stagefarm.cli.testing.Recordings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainViewTest {

    static List<String> plain(String build, String stream) {
        BuildSnapshot snapshot = BuildSnapshot.of(Recordings.build(build));
        List<String> lines = new ArrayList<>();
        for (ProgressEvent event : Recordings.events(stream)) {
            snapshot = snapshot.apply(event);
            lines.addAll(PlainView.render(event, snapshot));
        }
        lines.addAll(SummaryView.render(snapshot, Recordings.build(build.replace("created", "succeeded")
                .replace("retry-then-fail-succeeded", "retry-then-fail-failed")).image()));
        return lines;
    }

    @Test
    void plainSuccessfulBuildHasOneLinePerEventAndASummary() {
        List<String> lines = plain("three-stages-created", "three-stages-succeed");

        assertThat(String.join("\n", lines)).doesNotContain("\u001b").doesNotContain("\r");
        Golden.assertMatches("plainSuccessfulBuildHasOneLinePerEventAndASummary", lines);
    }

    @Test
    void plainFailedBuildEndsWithTheFailingStepAndLogTail() {
        Golden.assertMatches("plainFailedBuildEndsWithTheFailingStepAndLogTail",
                plain("retry-then-fail-created", "retry-then-fail"));
    }
}
