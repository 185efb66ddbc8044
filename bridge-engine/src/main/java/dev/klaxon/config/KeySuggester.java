package dev.klaxon.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the key a user probably meant when they typed one that does not exist ("sevrers" → "servers"). */
final class KeySuggester {

    private KeySuggester() {
    }

    /** The closest candidate, if it is close enough to be a typo rather than a different word. */
    static Optional<String> closest(String typed, Collection<String> candidates) {
        String wanted = typed.toLowerCase(Locale.ROOT);
        int allowed = wanted.length() <= 4 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates.stream().sorted().toList()) {
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /**
     * Edit distance where swapping two neighbouring letters counts as one edit (optimal string alignment), because
     * transpositions are the commonest typo.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
