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
        return between(RealManifold.of(real, k), fake);
    }

    /**
     * The real side of the metrics, computed once: the real vectors and each one's k-th neighbour distance, which
     * take 10^8 distances for 10,000 vectors. A reference scored against many fake sets (every checkpoint, every
     * evaluation during training) keeps one.
     */
    public static final class RealManifold {
        private final SquaredDistances rows;
        private final double[] radii;
        private final int k;

        private RealManifold(SquaredDistances rows, double[] radii, int k) {
            this.rows = rows;
            this.radii = radii;
            this.k = k;
        }

        public static RealManifold of(double[][] real, int k) {
            if (k < 1 || real.length <= k) {
                throw new IllegalArgumentException("k = " + k + " needs more than k real vectors, got "
                        + real.length);
            }
            SquaredDistances rows = new SquaredDistances(real);
            return new RealManifold(rows, kthNeighbour(rows, k), k);
        }

        public int count() {
            return radii.length;
        }
    }

    /** The metrics of {@code fake} against a real manifold, with its k. */
    public static PrecisionRecall between(RealManifold manifold, double[][] fake) {
        int k = manifold.k;
        if (fake.length <= k) {
            throw new IllegalArgumentException("k = " + k + " needs more than k vectors in each set, got "
                    + manifold.count() + " real and " + fake.length + " fake");
        }
        SquaredDistances realRows = manifold.rows;
        double[] realRadii = manifold.radii;
        int realCount = manifold.count();
        try (SquaredDistances fakeRows = new SquaredDistances(fake)) {
            double[] fakeRadii = kthNeighbour(fakeRows, k);
            int precise = 0;
            long dense = 0;
            boolean[] recalled = new boolean[realCount];
            double[] nearestFake = new double[realCount];
            Arrays.fill(nearestFake, Double.POSITIVE_INFINITY);
            for (int from = 0; from < fake.length; from += SquaredDistances.BLOCK) {
                int to = Math.min(fake.length, from + SquaredDistances.BLOCK);
                double[] block = fakeRows.toRowsOf(realRows, from, to);
                for (int f = from; f < to; f++) {
                    int offset = (f - from) * realCount;
                    boolean inside = false;
                    for (int r = 0; r < realCount; r++) {
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
            for (int r = 0; r < realCount; r++) {
                recall += recalled[r] ? 1 : 0;
                covered += nearestFake[r] < realRadii[r] ? 1 : 0;
            }
            return new PrecisionRecall((double) precise / fake.length, (double) recall / realCount,
                    (double) dense / ((double) k * fake.length), (double) covered / realCount, k);
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
