package dev.stagefarm.protocol;

/**
 * The schema version writers put in every message. Readers accept any version: a newer writer
 * only adds fields (ignored by older readers); a change that an older reader would misread needs
 * a new message type or topic, never a reuse of a field.
 */
public final class ProtocolVersion {
    /**
     * 2 added {@code StageOutput.push} and {@code ArtifactStored.imageId}/{@code pushed}; 1 was the
     * first.
     */
    public static final int CURRENT = 2;

    private ProtocolVersion() {
    }
}
