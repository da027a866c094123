package dev.stagefarm.deploy.local;

/** What a finished command printed (stdout and stderr together) and how it exited. */
public record CommandResult(int exitCode, String output) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Fails with the command's own output, so a broken farm explains itself in the test report. */
    public CommandResult orFail(String what) {
        if (!succeeded()) {
            throw new AssertionError(what + " failed with exit code " + exitCode + ":\n" + output);
        }
        return this;
    }
}
