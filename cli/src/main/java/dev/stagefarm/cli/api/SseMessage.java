package dev.stagefarm.cli.api;

/**
 * One server-sent event as the stream framed it (the fields of the WHATWG event-stream format).
 *
 * @param id the {@code id} field, or null when the event had none
 * @param event the {@code event} field, {@code message} by default
 * @param data the {@code data} lines joined by newlines
 */
public record SseMessage(String id, String event, String data) {
}
