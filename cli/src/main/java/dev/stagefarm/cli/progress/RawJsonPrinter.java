package dev.stagefarm.cli.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stagefarm.api.BuildView;
import dev.stagefarm.cli.api.ApiJson;
import dev.stagefarm.cli.api.ProgressEvent;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** {@code --progress rawjson}: every event as one JSON line, as the coordinator sent it; nothing else. */
final class RawJsonPrinter implements ProgressPrinter {
    private final PrintWriter err;

    RawJsonPrinter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void start(BuildSnapshot snapshot) {
    }

    @Override
    public void event(ProgressEvent event, BuildSnapshot after) {
        try {
            err.println(ApiJson.MAPPER.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        err.flush();
    }

    @Override
    public void finish(BuildSnapshot snapshot, BuildView.Image image) {
    }
}
