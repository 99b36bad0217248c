package dev.jvmgan.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the intended key or value for a misspelt one. */
public final class DidYouMean {
    private DidYouMean() {
    }

    /**
     * The candidate closest to {@code typo}, if it is close enough to be a plausible slip: at most one edit per
     * three characters (at least one), and fewer edits than either word has characters, so that {@code x} does
     * not "mean" {@code g}. Case is ignored because {@code batchsize} for {@code batchSize} is the commonest slip.
     */
    static Optional<String> closest(String typo, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(typo.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            int allowed = Math.max(1, candidate.length() / 3);
            boolean plausible = distance <= allowed && distance < Math.min(typo.length(), candidate.length());
            if (plausible && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code " (did you mean 'latentDim'?)"} or the empty string. */
    public static String hint(String typo, Collection<String> candidates) {
        return closest(typo, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    /**
     * Optimal-string-alignment distance: Levenshtein plus adjacent transpositions, since swapped letters
     * ({@code latnetDim}) are a typing slip worth one edit, not two.
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
