package dev.jvmgan.eval;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** FD against its closed forms, by hand, and on sample sets. */
class FrechetDistanceTest {
    private static FeatureMoments gaussian(double[] mean, double[][] cov) {
        return new FeatureMoments(mean, cov, 1000);
    }

    @Test
    void diagonalCovariancesMatchTheClosedForm() {
        // With diagonal S1, S2: FD = sum (mu1 - mu2)^2 + sum (s1 + s2 - 2 sqrt(s1 s2)) = sum (m1-m2)^2 + (sd1-sd2)^2.
        double[] s1 = {1, 4, 0.25, 9};
        double[] s2 = {4, 4, 1, 0};
        double[] m1 = {0, 1, -2, 3};
        double[] m2 = {1, 1, 0, 0.5};
        double expected = 0;
        double[][] c1 = new double[4][4];
        double[][] c2 = new double[4][4];
        for (int i = 0; i < 4; i++) {
            c1[i][i] = s1[i];
            c2[i][i] = s2[i];
            expected += (m1[i] - m2[i]) * (m1[i] - m2[i]) + Math.pow(Math.sqrt(s1[i]) - Math.sqrt(s2[i]), 2);
        }
        assertThat(FrechetDistance.between(gaussian(m1, c1), gaussian(m2, c2))).isCloseTo(expected, within(1e-12));
    }

    @Test
    void aTwoByTwoCaseByHand() {
        // S1 = [[2, 1], [1, 2]], S2 = [[1, 0], [0, 4]]. For 2x2 matrices with eigenvalues l1, l2 >= 0,
        // tr sqrt(A) = sqrt(l1) + sqrt(l2) = sqrt(tr A + 2 sqrt(det A)). S1 S2 = [[2, 4], [1, 8]]: trace 10,
        // det = det S1 * det S2 = 3 * 4 = 12, so tr sqrt = sqrt(10 + 2 sqrt 12) = 4.1143898...
        // With mu1 - mu2 = (1, -2): FD = 5 + 4 + 5 - 2 * 4.1143898 = 5.7712205...
        double traceOfRoot = Math.sqrt(10 + 2 * Math.sqrt(12));
        double expected = 5 + 4 + 5 - 2 * traceOfRoot;
        double fd = FrechetDistance.between(gaussian(new double[]{1, 0}, new double[][]{{2, 1}, {1, 2}}),
                gaussian(new double[]{0, 2}, new double[][]{{1, 0}, {0, 4}}));
        assertThat(expected).isCloseTo(5.7712205, within(1e-7));
        assertThat(fd).isCloseTo(expected, within(1e-12));
    }

    @Test
    void identicalSetsScoreZeroAndTheOrderDoesNotMatter() {
        double[][] a = samples(500, 6, 0.0, 1.0, 1);
        double[][] b = samples(500, 6, 0.5, 2.0, 2);
        assertThat(FrechetDistance.between(a, a)).isCloseTo(0, within(1e-9));
        assertThat(FrechetDistance.between(a, b)).isCloseTo(FrechetDistance.between(b, a), within(1e-9)).isPositive();
    }

    @Test
    void aSingularCovarianceNeedsNoEpsilon() {
        // Every vector on one line: S1 has rank 1. sqrtm-based code needs an epsilon on the diagonal here.
        double[][] line = new double[200][];
        Random rng = new Random(3);
        for (int i = 0; i < line.length; i++) {
            double t = rng.nextGaussian();
            line[i] = new double[]{t, 2 * t, -t};
        }
        double fd = FrechetDistance.between(line, samples(200, 3, 0, 1, 4));
        assertThat(fd).isFinite().isPositive();
        assertThat(FrechetDistance.between(line, line)).isCloseTo(0, within(1e-9));
    }

    @Test
    void aGeneratorCollapsedToTwoImagesMatchesTheRankOneClosedForm() {
        // Fake features: n rows, half v1 and half v2. Their mean is m = (v1 + v2) / 2, each row is m +- w with
        // w = (v1 - v2) / 2, so S2 = n / (n - 1) w w^T has rank 1 and S1^(1/2) S2 S1^(1/2) = u u^T with
        // u = sqrt(n / (n - 1)) S1^(1/2) w, whose only non-zero eigenvalue is |u|^2 = n / (n - 1) w^T S1 w:
        // FD = |mu1 - m|^2 + tr S1 + n / (n - 1) |w|^2 - 2 sqrt(n / (n - 1) w^T S1 w).
        // The 63 other eigenvalues of S2 are rounding noise around 0, which made commons-math's
        // EigenDecomposition throw "convergence failed" (the quick study's SELU seed 2 cell).
        int d = 64;
        int n = 1000;
        double[][] real = samples(300, d, 0.0, 1.0, 7);
        double[] v1 = samples(1, d, 0.5, 1.0, 8)[0];
        double[] v2 = samples(1, d, 0.5, 1.0, 9)[0];
        double[][] fake = new double[n][];
        for (int i = 0; i < n; i++) {
            fake[i] = i % 2 == 0 ? v1 : v2;
        }
        FeatureMoments m1 = FeatureMoments.of(real);
        double[][] s1 = m1.covariance();
        double scale = (double) n / (n - 1);
        double meanTerm = 0;
        double traceS1 = 0;
        double ww = 0;
        double wS1w = 0;
        for (int i = 0; i < d; i++) {
            double m = (v1[i] + v2[i]) / 2;
            double wi = (v1[i] - v2[i]) / 2;
            meanTerm += (m1.mean()[i] - m) * (m1.mean()[i] - m);
            traceS1 += s1[i][i];
            ww += wi * wi;
            for (int k = 0; k < d; k++) {
                wS1w += wi * s1[i][k] * (v1[k] - v2[k]) / 2;
            }
        }
        double expected = meanTerm + traceS1 + scale * ww - 2 * Math.sqrt(scale * wS1w);

        double fd = FrechetDistance.between(real, fake);

        // The noise eigenvalues (about 1e-16 of the largest) add their square roots: about 1e-8 of the trace term each.
        assertThat(fd).isCloseTo(expected, within(1e-6 * expected));
    }

    @Test
    void samplesOfTwoGaussiansApproachTheirDistance() {
        // N(0, I) against N(1, 4I) in 3 dimensions: FD = 3 * 1^2 + 3 * (1 - 2)^2 = 6.
        double fd = FrechetDistance.between(samples(20_000, 3, 0, 1, 5), samples(20_000, 3, 1, 2, 6));
        assertThat(fd).isCloseTo(6, within(0.15));
    }

    @Test
    void differentDimensionsAreRefused() {
        assertThatThrownBy(() -> FrechetDistance.between(samples(10, 2, 0, 1, 1), samples(10, 3, 0, 1, 1)))
                .hasMessageContaining("2 and 3 dimensions");
    }

    static double[][] samples(int n, int d, double mean, double sd, long seed) {
        Random rng = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = mean + sd * rng.nextGaussian();
            }
        }
        return x;
    }
}
