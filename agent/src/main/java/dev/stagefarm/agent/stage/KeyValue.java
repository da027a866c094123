package dev.stagefarm.agent.stage;

/** One {@code key=value} pair of an ENV, LABEL or ARG instruction, already expanded. */
public record KeyValue(String key, String value) {
}
