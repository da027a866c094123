package dev.stagefarm.agent.exec;

/** What a path of an image's file system is (symlinks followed by the daemon's stat). */
public enum PathKind {
    MISSING, FILE, DIRECTORY
}
