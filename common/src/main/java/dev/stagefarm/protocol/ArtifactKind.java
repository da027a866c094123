package dev.stagefarm.protocol;

/** What travels between stages through object storage. */
public enum ArtifactKind {
    /** Selected paths of a stage's filesystem, as one tar. */
    FILES,
    /** A stage's whole image, as {@code docker save} writes it. */
    IMAGE
}
