package dev.stagefarm.cli.progress;

/** The {@code --progress} values, as {@code docker buildx build} names them. */
public enum ProgressMode {
    auto, tty, plain, rawjson, quiet;

    /** {@code auto} becomes {@code tty} on a terminal and {@code plain} elsewhere; {@code tty} without one is plain too. */
    public ProgressMode resolve(boolean terminal) {
        return switch (this) {
            case auto, tty -> terminal ? tty : plain;
            default -> this;
        };
    }
}
