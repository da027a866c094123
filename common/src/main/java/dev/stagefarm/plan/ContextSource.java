package dev.stagefarm.plan;

/**
 * A COPY or ADD source taken from the build context.
 *
 * @param raw as written
 * @param expanded expanded with the stage's ARG/ENV scope: the path the cache key matches
 * @param line the instruction's first line
 */
public record ContextSource(String raw, String expanded, int line) {
}
