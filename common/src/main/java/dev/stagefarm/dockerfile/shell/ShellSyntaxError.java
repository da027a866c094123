package dev.stagefarm.dockerfile.shell;

/** An expansion error inside the scanner; {@link ShellLex} turns it into a catalogue failure. */
final class ShellSyntaxError extends RuntimeException {
    ShellSyntaxError(String message) {
        super(message, null, false, false);
    }
}
