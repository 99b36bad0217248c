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
 * Euclidean distances in double precision; k = 5 by default, as both papers recommend.
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
        double[] realRadii = kthNeighbourDistances(real, k);
        double[] fakeRadii = kthNeighbourDistances(fake, k);
        int precise = 0;
        long dense = 0;
        for (double[] f : fake) {
            boolean inside = false;
            for (int r = 0; r < real.length; r++) {
                if (distance(f, real[r]) < realRadii[r]) {
                    inside = true;
                    dense++;
                }
            }
            precise += inside ? 1 : 0;
        }
        int recalled = 0;
        int covered = 0;
        for (int r = 0; r < real.length; r++) {
            boolean reached = false;
            double nearestFake = Double.POSITIVE_INFINITY;
            for (int f = 0; f < fake.length; f++) {
                double dist = distance(real[r], fake[f]);
                reached |= dist < fakeRadii[f];
                nearestFake = Math.min(nearestFake, dist);
            }
            recalled += reached ? 1 : 0;
            covered += nearestFake < realRadii[r] ? 1 : 0;
        }
        return new PrecisionRecall((double) precise / fake.length, (double) recalled / real.length,
                (double) dense / ((double) k * fake.length), (double) covered / real.length, k);
    }

    /** For each vector, the distance to its k-th nearest other vector of the same set. */
    static double[] kthNeighbourDistances(double[][] set, int k) {
        double[] radii = new double[set.length];
        double[] others = new double[set.length - 1];
        for (int i = 0; i < set.length; i++) {
            int n = 0;
            for (int j = 0; j < set.length; j++) {
                if (j != i) {
                    others[n++] = distance(set[i], set[j]);
                }
            }
            Arrays.sort(others);
            radii[i] = others[k - 1];
        }
        return radii;
    }

    static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
