package dev.stagefarm.plan;

/** What a stage starts from: an image reference or an earlier stage. */
public sealed interface StageBase {

    /**
     * An image, as written after global-ARG expansion (not normalised: {@code node:lts} stays
     * {@code node:lts}; {@code scratch} is the empty image).
     */
    record Image(String reference) implements StageBase {
        public boolean scratch() {
            return reference.equalsIgnoreCase("scratch");
        }
    }

    /** An earlier stage, by index and lower-case name. */
    record Stage(int index, String name) implements StageBase {
    }
}
