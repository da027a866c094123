package dev.stagefarm.cli.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Frames a {@code text/event-stream} into {@link SseMessage}s as the WHATWG rules say: fields up
 * to the first colon, one optional space after it stripped, comment lines (leading colon) ignored,
 * an event dispatched at a blank line and only when it had data; CR, LF and CRLF all end lines.
 * A last event not followed by a blank line is dropped (the connection broke in the middle of it).
 *
 * <p>Not thread-safe: one reader per connection.
 */
public final class SseReader {
    private final BufferedReader lines;

    public SseReader(InputStream in) {
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** The next event, or null at the end of the stream. */
    public SseMessage next() throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new SseMessage(id, event == null ? "message" : event, data.toString());
                }
                id = null;
                event = null;
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "id" -> id = value;
                case "event" -> event = value;
                default -> {
                    // "retry" and unknown fields do not change what the client shows.
                }
            }
        }
        return null;
    }
}
