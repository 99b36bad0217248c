package dev.jvmgan.eval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * The kernel distance (Bińkowski et al. 2018, the "KID" when the features are Inception's): the unbiased estimate
 * of the squared maximum mean discrepancy between the two feature distributions, under the cubic polynomial kernel
 * {@code k(x, y) = (x . y / d + 1)^3} (d the feature dimension). For subsets X, Y of m vectors each:
 * <pre>
 *   MMD^2 = 1/(m(m-1)) sum_{i != j} k(x_i, x_j) + 1/(m(m-1)) sum_{i != j} k(y_i, y_j) - 2/m^2 sum_{i,j} k(x_i, y_j)
 * </pre>
 * Its expectation is exactly 0 when both sets come from one distribution, so single estimates can be negative;
 * unlike the Fréchet distance it has no bias that depends on the sample count. As in the paper and clean-fid, the
 * estimate is averaged over {@code subsets} random subsets of {@code m = min(subsetSize, n1, n2)} vectors drawn
 * without replacement from each set, and reported with the standard deviation over them.
 *
 * @param mean    the mean of the subsets' MMD^2
 * @param std     their standard deviation (population, as numpy's default)
 * @param subsets how many subsets were drawn
 * @param subsetSize m
 */
public record KernelDistance(double mean, double std, int subsets, int subsetSize) {
    /** clean-fid's and the paper's defaults. */
    public static final int DEFAULT_SUBSETS = 100;
    public static final int DEFAULT_SUBSET_SIZE = 1000;

    /** KID with the defaults, subsets drawn from {@code seed}. */
    public static KernelDistance between(double[][] a, double[][] b, long seed) {
        return between(a, b, DEFAULT_SUBSETS, DEFAULT_SUBSET_SIZE, seed);
    }

    public static KernelDistance between(double[][] a, double[][] b, int subsets, int subsetSize, long seed) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("need at least 2 feature vectors per set, got " + a.length + " and "
                    + b.length);
        }
        if (a[0].length != b[0].length) {
            throw new IllegalArgumentException("features of " + a[0].length + " and " + b[0].length
                    + " dimensions cannot be compared");
        }
        int m = Math.min(subsetSize, Math.min(a.length, b.length));
        SplittableRandom rng = new SplittableRandom(seed);
        double[] estimates = new double[subsets];
        for (int s = 0; s < subsets; s++) {
            estimates[s] = mmd2(pick(a, m, rng), pick(b, m, rng));
        }
        double mean = 0;
        for (double e : estimates) {
            mean += e;
        }
        mean /= subsets;
        double var = 0;
        for (double e : estimates) {
            var += (e - mean) * (e - mean);
        }
        return new KernelDistance(mean, Math.sqrt(var / subsets), subsets, m);
    }

    /**
     * The unbiased MMD^2 of two sets of equal size m under the cubic kernel. The kernel matrices come from one
     * matrix product each (ND4J, double precision): {@code (X Y^T / d + 1)^3}, minus the diagonal for the within-set
     * sums. Nested loops would do m^2 d multiply-adds three times per subset, 3.8e10 for the default 100 subsets of
     * 1,000 vectors of 128 features, without the vectorised kernels of a matrix product.
     */
    static double mmd2(double[][] x, double[][] y) {
        int m = x.length;
        int d = x[0].length;
        try (INDArray a = Nd4j.createFromArray(x); INDArray b = Nd4j.createFromArray(y)) {
            double xx = kernelSum(a, a) - kernelDiagonal(x, d);
            double yy = kernelSum(b, b) - kernelDiagonal(y, d);
            double xy = kernelSum(a, b);
            return xx / (m * (m - 1.0)) + yy / (m * (m - 1.0)) - 2 * xy / ((double) m * m);
        }
    }

    /** sum_{i,j} k(a_i, b_j). */
    private static double kernelSum(INDArray a, INDArray b) {
        try (INDArray k = a.mmul(b.transpose())) {
            k.divi(a.size(1)).addi(1);
            try (INDArray squared = k.mul(k)) {
                k.muli(squared);
            }
            return k.sumNumber().doubleValue();
        }
    }

    private static double kernelDiagonal(double[][] x, int d) {
        double sum = 0;
        for (double[] row : x) {
            sum += kernel(row, row, d);
        }
        return sum;
    }

    static double kernel(double[] x, double[] y, int d) {
        double dot = 0;
        for (int k = 0; k < d; k++) {
            dot += x[k] * y[k];
        }
        double base = dot / d + 1;
        return base * base * base;
    }

    /** m rows drawn without replacement (a partial Fisher-Yates shuffle of the indices). */
    private static double[][] pick(double[][] rows, int m, SplittableRandom rng) {
        int[] index = new int[rows.length];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        double[][] picked = new double[m][];
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(index.length - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
            picked[i] = rows[index[i]];
        }
        return picked;
    }
}
