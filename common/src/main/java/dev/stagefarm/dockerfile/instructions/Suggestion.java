package dev.stagefarm.dockerfile.instructions;

import java.util.Collection;

/** The "did you mean" hint BuildKit appends to unknown names (closest by edit distance). */
final class Suggestion {
    private Suggestion() {
    }

    /** {@code " (did you mean X?)"} or an empty string when nothing is close. */
    static String didYouMean(String value, Collection<String> options) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String option : options) {
            int d = distance(value, option);
            if (d < bestDistance) {
                best = option;
                bestDistance = d;
            }
        }
        if (best == null || bestDistance > 2 || bestDistance >= value.length()) {
            return "";
        }
        return " (did you mean " + best + "?)";
    }

    private static int distance(String a, String b) {
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
}
