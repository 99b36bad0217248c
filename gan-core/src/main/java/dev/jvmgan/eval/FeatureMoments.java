package dev.jvmgan.eval;

/**
 * The mean and covariance of a set of feature vectors, as the Fréchet distance needs them:
 * {@code mu = (1/n) sum_i x_i} and {@code S = (1/(n-1)) sum_i (x_i - mu)(x_i - mu)^T}, the unbiased sample
 * covariance that {@code numpy.cov(x, rowvar=False)} computes (and so clean-fid and pytorch-fid).
 *
 * @param mean       length d
 * @param covariance d x d, symmetric
 * @param count      n, the number of feature vectors
 */
public record FeatureMoments(double[] mean, double[][] covariance, int count) {

    /** The moments of {@code features}: n rows of d values each, n &gt;= 2. */
    public static FeatureMoments of(double[][] features) {
        int n = features.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 feature vectors for a covariance, got " + n);
        }
        int d = features[0].length;
        double[] mean = new double[d];
        for (double[] row : features) {
            if (row.length != d) {
                throw new IllegalArgumentException("feature vectors of different lengths: " + d + " and " + row.length);
            }
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[d][d];
        double[] centred = new double[d];
        for (double[] row : features) {
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ca = centred[a];
                for (int b = a; b < d; b++) {
                    cov[a][b] += ca * centred[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= n - 1;
                cov[b][a] = cov[a][b];
            }
        }
        return new FeatureMoments(mean, cov, n);
    }

    public int dimension() {
        return mean.length;
    }
}
