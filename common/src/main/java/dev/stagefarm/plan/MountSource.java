package dev.stagefarm.plan;

/** Where a {@code RUN --mount=...,from=X} takes its files: a stage (by name) or an image. */
public sealed interface MountSource {

    /** The path inside the source that is mounted ({@code source=}, default {@code /}). */
    String path();

    record Stage(int index, String path) implements MountSource {
    }

    record Image(String reference, String path) implements MountSource {
    }
}
