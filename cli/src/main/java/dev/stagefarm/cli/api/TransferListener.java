package dev.stagefarm.cli.api;

/** Told how many bytes of a transfer have gone; called from the HTTP client's threads. */
@FunctionalInterface
public interface TransferListener {
    TransferListener NONE = (sent, total) -> { };

    void transferred(long sent, long total);
}
