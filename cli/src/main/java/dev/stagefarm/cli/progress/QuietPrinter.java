package dev.stagefarm.cli.progress;

import dev.stagefarm.api.BuildView;
import dev.stagefarm.cli.api.ProgressEvent;
import java.io.PrintWriter;

/**
 * {@code --progress quiet}: only the result, as {@code docker build -q} prints it: the image digest
 * (or its first reference, or the build id) on stdout; on failure, the summary with the failing step
 * on stderr.
 */
final class QuietPrinter implements ProgressPrinter {
    private final PrintWriter out;
    private final PrintWriter err;

    QuietPrinter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void start(BuildSnapshot snapshot) {
    }

    @Override
    public void event(ProgressEvent event, BuildSnapshot after) {
    }

    @Override
    public void finish(BuildSnapshot snapshot, BuildView.Image image) {
        if ("SUCCEEDED".equals(snapshot.state())) {
            out.println(image != null && image.digest() != null ? image.digest()
                    : image != null && !image.references().isEmpty() ? image.references().get(0) : snapshot.buildId());
            out.flush();
        } else {
            SummaryView.render(snapshot, image).forEach(err::println);
            err.flush();
        }
    }
}
