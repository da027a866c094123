package dev.stagefarm.plan;

/**
 * An ARG a stage declares, with the value it ends up with: a {@code --build-arg}, else its
 * expanded default, else the global ARG of the same name; null when it stays unset.
 */
public record ArgValue(String name, String value) {
}
