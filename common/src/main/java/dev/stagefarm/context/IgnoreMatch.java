package dev.stagefarm.context;

import java.util.BitSet;

/**
 * The result of matching one path during a walk, kept for its children: whether the path is
 * excluded, and which patterns matched it (moby's {@code MatchInfo}), so that a child is not
 * re-matched against patterns its directory already matched. Immutable.
 */
public final class IgnoreMatch {
    /** What a walk passes for the context root: nothing known about parents. */
    public static final IgnoreMatch ROOT = new IgnoreMatch(false, null);

    private final boolean excluded;
    private final BitSet matchedPatterns;

    IgnoreMatch(boolean excluded, BitSet matchedPatterns) {
        this.excluded = excluded;
        this.matchedPatterns = matchedPatterns == null ? null : (BitSet) matchedPatterns.clone();
    }

    /** True when the path is left out of the context. */
    public boolean excluded() {
        return excluded;
    }

    /** Whether pattern {@code index} matched this path or one of its parents; null for {@link #ROOT}. */
    boolean patternMatched(int index) {
        return matchedPatterns != null && matchedPatterns.get(index);
    }

    boolean knowsParents() {
        return matchedPatterns != null;
    }
}
