package dev.stagefarm.dockerfile.instructions;

/** A key and value of ENV or LABEL, or of ARG (where {@code value} is null when not given). */
public record KeyValue(String key, String value) {
}
