package dev.stagefarm.agent.copy;

/** A numeric owner for copied files. */
public record Owner(int uid, int gid) {

    public static final Owner ROOT = new Owner(0, 0);
}
