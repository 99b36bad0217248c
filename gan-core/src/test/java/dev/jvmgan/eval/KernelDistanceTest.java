package dev.jvmgan.eval;

import org.junit.jupiter.api.Test;

import static dev.jvmgan.eval.FrechetDistanceTest.samples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** KID by hand, unbiased for one distribution, positive for shifted ones. */
class KernelDistanceTest {
    @Test
    void twoPointsEachByHand() {
        // d = 1, k(x, y) = (xy + 1)^3. X = {0, 1}, Y = {1, 2}.
        // k(0,1) = 1, k(1,0) = 1: XX term (1 + 1) / 2 = 1.
        // k(1,2) = 27, k(2,1) = 27: YY term 27.
        // XY: k(0,1) = 1, k(0,2) = 1, k(1,1) = 8, k(1,2) = 27: sum 37, times 2/4 = 18.5. MMD^2 = 1 + 27 - 18.5 = 9.5.
        double[][] x = {{0}, {1}};
        double[][] y = {{1}, {2}};
        assertThat(KernelDistance.mmd2(x, y)).isCloseTo(9.5, within(1e-12));
        KernelDistance kid = KernelDistance.between(x, y, 3, 1000, 7);
        assertThat(kid.mean()).isCloseTo(9.5, within(1e-12));
        assertThat(kid.std()).isCloseTo(0, within(1e-12));
        assertThat(kid.subsetSize()).isEqualTo(2);
    }

    @Test
    void samplesOfOneGaussianAverageZeroAndShiftedOnesArePositive() {
        double[][] a = samples(2000, 8, 0, 1, 1);
        double[][] b = samples(2000, 8, 0, 1, 2);
        double[][] shifted = samples(2000, 8, 0.5, 1, 3);

        KernelDistance same = KernelDistance.between(a, b, 50, 500, 11);
        KernelDistance apart = KernelDistance.between(a, shifted, 50, 500, 11);

        // Unbiased: the mean over subsets is within a few standard errors of 0, and single subsets go negative.
        assertThat(Math.abs(same.mean())).isLessThan(4 * same.std() / Math.sqrt(50));
        assertThat(apart.mean()).isGreaterThan(20 * apart.std() / Math.sqrt(50)).isGreaterThan(10 * same.std());
        assertThat(same.subsets()).isEqualTo(50);
    }
}
