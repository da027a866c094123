package dev.stagefarm.coordinator.api;

/** Every API error: a catalogue code, what it is about, the Dockerfile line (0 when none) and a message. */
public record ErrorBody(String code, String subject, int line, String message) {
}
