package dev.stagefarm.failure;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean …?" hints for mistyped names: the candidate closest by edit distance, when it is
 * close enough to help. Two thresholds, for two callers: BuildKit's own hint on unknown flags and
 * mount keys (which the conformance corpus pins to the letter), and the planner's on unknown
 * stages. Stateless.
 */
public final class Suggestion {
    private Suggestion() {
    }

    /**
     * BuildKit's hint: {@code " (did you mean X?)"} when X is within two edits of {@code value}
     * (and fewer edits than its length), else an empty string. Case-sensitive, as BuildKit is.
     */
    public static String didYouMean(String value, Collection<String> options) {
        Closest best = closest(value, options, false);
        if (best == null || best.distance() > 2 || best.distance() >= value.length()) {
            return "";
        }
        return " (did you mean " + best.candidate() + "?)";
    }

    /** The candidate closest to {@code value} ignoring case, or null when none is within a third of its length (min 2). */
    public static String closest(String value, Collection<String> candidates) {
        Closest best = closest(value, candidates, true);
        int allowed = Math.max(2, value.length() / 3);
        return best != null && best.distance() <= allowed ? best.candidate() : null;
    }

    /** The Levenshtein distance of two strings. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    private record Closest(String candidate, int distance) {
    }

    /** The first candidate at the smallest distance, or null when there are none. */
    private static Closest closest(String value, Collection<String> candidates, boolean ignoreCase) {
        String wanted = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        Closest best = null;
        for (String candidate : candidates) {
            int d = distance(wanted, ignoreCase ? candidate.toLowerCase(Locale.ROOT) : candidate);
            if (best == null || d < best.distance()) {
                best = new Closest(candidate, d);
            }
        }
        return best;
    }
}
