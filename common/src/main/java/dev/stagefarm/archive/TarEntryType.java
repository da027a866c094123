package dev.stagefarm.archive;

/** The kinds of tar entries the farm writes and extracts. */
public enum TarEntryType {
    FILE('0'),
    HARDLINK('1'),
    SYMLINK('2'),
    DIRECTORY('5');

    private final char flag;

    TarEntryType(char flag) {
        this.flag = flag;
    }

    /** The ustar type flag byte. */
    public char flag() {
        return flag;
    }
}
