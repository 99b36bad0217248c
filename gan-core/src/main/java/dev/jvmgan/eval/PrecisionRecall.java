package dev.jvmgan.eval;

import java.util.Arrays;

/**
 * Precision and recall of generated samples as k-nearest-neighbour manifolds (Kynkäänniemi et al. 2019), with
 * density and coverage (Naeem et al. 2020), as their reference code {@code prdc} computes them. With
 * {@code NND_k(v)} the distance from v to its k-th nearest neighbour in its own set (itself excluded) and
 * {@code B(v, r)} the open ball of radius r around v, for real features R and fake features F:
 * <pre>
 *   precision = 1/|F| sum_f [ exists r: ||f - r|| &lt; NND_k(r) ]      (fakes that look real)
 *   recall    = 1/|R| sum_r [ exists f: ||r - f|| &lt; NND_k(f) ]      (reals the fakes reach)
 *   density   = 1/(k|F|) sum_f sum_r [ ||f - r|| &lt; NND_k(r) ]        (how many real balls hold a fake, ~1 when
 *                                                                    both sets follow one distribution)
 *   coverage  = 1/|R| sum_r [ min_f ||r - f|| &lt; NND_k(r) ]           (real balls with at least one fake)
 * </pre>
 * Low recall and coverage with high precision is mode collapse: the fakes look real but miss most of the data.
 * Euclidean distances in double precision, compared squared, from matrix products in blocks
 * ({@link SquaredDistances}), as {@code prdc}'s {@code sklearn} distances are; k = 5 by default, as both papers
 * recommend.
 *
 * @param k the neighbour rank that sets the radii
 */
public record PrecisionRecall(double precision, double recall, double density, double coverage, int k) {
    public static final int DEFAULT_K = 5;

    public static PrecisionRecall between(double[][] real, double[][] fake) {
        return between(real, fake, DEFAULT_K);
    }

    public static PrecisionRecall between(double[][] real, double[][] fake, int k) {
        if (k < 1 || real.length <= k || fake.length <= k) {
            throw new IllegalArgumentException("k = " + k + " needs more than k vectors in each set, got "
                    + real.length + " real and " + fake.length + " fake");
        }
        try (SquaredDistances realRows = new SquaredDistances(real);
             SquaredDistances fakeRows = new SquaredDistances(fake)) {
            double[] realRadii = kthNeighbour(realRows, k);
            double[] fakeRadii = kthNeighbour(fakeRows, k);
            int precise = 0;
            long dense = 0;
            boolean[] recalled = new boolean[real.length];
            double[] nearestFake = new double[real.length];
            Arrays.fill(nearestFake, Double.POSITIVE_INFINITY);
            for (int from = 0; from < fake.length; from += SquaredDistances.BLOCK) {
                int to = Math.min(fake.length, from + SquaredDistances.BLOCK);
                double[] block = fakeRows.toRowsOf(realRows, from, to);
                for (int f = from; f < to; f++) {
                    int offset = (f - from) * real.length;
                    boolean inside = false;
                    for (int r = 0; r < real.length; r++) {
                        double d2 = block[offset + r];
                        if (d2 < realRadii[r]) {
                            inside = true;
                            dense++;
                        }
                        recalled[r] |= d2 < fakeRadii[f];
                        nearestFake[r] = Math.min(nearestFake[r], d2);
                    }
                    precise += inside ? 1 : 0;
                }
            }
            int recall = 0;
            int covered = 0;
            for (int r = 0; r < real.length; r++) {
                recall += recalled[r] ? 1 : 0;
                covered += nearestFake[r] < realRadii[r] ? 1 : 0;
            }
            return new PrecisionRecall((double) precise / fake.length, (double) recall / real.length,
                    (double) dense / ((double) k * fake.length), (double) covered / real.length, k);
        }
    }

    /** For each vector, the squared distance to its k-th nearest other vector of the same set. */
    static double[] kthNeighbour(SquaredDistances set, int k) {
        int n = set.count();
        double[] radii = new double[n];
        double[] nearest = new double[k];
        for (int from = 0; from < n; from += SquaredDistances.BLOCK) {
            int to = Math.min(n, from + SquaredDistances.BLOCK);
            double[] block = set.toRowsOf(set, from, to);
            for (int i = from; i < to; i++) {
                Arrays.fill(nearest, Double.POSITIVE_INFINITY);
                int offset = (i - from) * n;
                for (int j = 0; j < n; j++) {
                    double d2 = block[offset + j];
                    if (j != i && d2 < nearest[k - 1]) {
                        int at = k - 1;
                        while (at > 0 && nearest[at - 1] > d2) {
                            nearest[at] = nearest[at - 1];
                            at--;
                        }
                        nearest[at] = d2;
                    }
                }
                radii[i] = nearest[k - 1];
            }
        }
        return radii;
    }
}
