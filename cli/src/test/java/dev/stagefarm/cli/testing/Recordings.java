package dev.stagefarm.cli.testing;

import dev.stagefarm.api.BuildView;
import dev.stagefarm.cli.api.ApiJson;
import dev.stagefarm.cli.api.ProgressEvent;
import dev.stagefarm.cli.api.SseMessage;
import dev.stagefarm.cli.api.SseReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorded coordinator answers in the test resources: build views ({@code builds/NAME.json})
 * and event streams in the coordinator's SSE framing ({@code sse/NAME.sse}).
 */
public final class Recordings {
    private Recordings() {
    }

    public static String text(String resource) {
        try (InputStream in = Recordings.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String buildJson(String name) {
        return text("builds/" + name + ".json");
    }

    public static BuildView build(String name) {
        try {
            return ApiJson.MAPPER.readValue(buildJson(name), BuildView.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sse(String name) {
        return text("sse/" + name + ".sse");
    }

    /** The events of a recorded stream, in order. */
    public static List<ProgressEvent> events(String name) {
        try {
            SseReader reader = new SseReader(new ByteArrayInputStream(sse(name).getBytes(StandardCharsets.UTF_8)));
            List<ProgressEvent> events = new ArrayList<>();
            SseMessage message;
            while ((message = reader.next()) != null) {
                events.add(ApiJson.MAPPER.readValue(message.data(), ProgressEvent.class));
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SSE text of the events with {@code seq} in [from, to]. */
    public static String sseBetween(String name, long from, long to) {
        StringBuilder out = new StringBuilder();
        for (String block : sse(name).split("\n\n")) {
            String data = block.substring(block.indexOf("data:") + 5);
            long seq = Long.parseLong(data.replaceAll("^\\{\"seq\":(\\d+),.*$", "$1"));
            if (seq >= from && seq <= to) {
                out.append(block).append("\n\n");
            }
        }
        return out.toString();
    }
}
