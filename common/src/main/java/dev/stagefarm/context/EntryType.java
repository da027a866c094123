package dev.stagefarm.context;

/** What a context entry is. Other file kinds (sockets, FIFOs, devices) are never sent. */
public enum EntryType {
    FILE,
    DIRECTORY,
    SYMLINK
}
