package dev.stagefarm.cli.progress;

import dev.stagefarm.api.BuildView;
import dev.stagefarm.cli.api.ProgressEvent;
import java.io.PrintWriter;

/** {@code --progress plain}: {@link PlainView}'s lines as they come, then the summary. No escape codes. */
final class PlainPrinter implements ProgressPrinter {
    private final PrintWriter err;

    PlainPrinter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void start(BuildSnapshot snapshot) {
        err.println("build " + snapshot.buildId() + ": " + snapshot.stages().size() + " stages"
                + (snapshot.target() == null ? "" : ", target " + snapshot.target()));
        err.flush();
    }

    @Override
    public void event(ProgressEvent event, BuildSnapshot after) {
        PlainView.render(event, after).forEach(err::println);
        err.flush();
    }

    @Override
    public void finish(BuildSnapshot snapshot, BuildView.Image image) {
        SummaryView.render(snapshot, image).forEach(err::println);
        err.flush();
    }
}
