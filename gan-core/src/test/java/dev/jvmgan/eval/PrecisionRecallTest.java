package dev.jvmgan.eval;

import org.junit.jupiter.api.Test;

import static dev.jvmgan.eval.FrechetDistanceTest.samples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Precision, recall, density and coverage by hand and on synthetic Gaussians with known overlap. */
class PrecisionRecallTest {
    @Test
    void aOneDimensionalCaseByHand() {
        // k = 1. Real {0, 1, 3}: nearest-neighbour radii 1, 1, 2. Fake {0.5, 10}: radii 9.5, 9.5.
        // Precision: 0.5 lies within 1 of 0 (and of 1); 10 is in no real ball -> 1/2.
        // Recall: every real point is within 9.5 of fake 0.5 -> 1.
        // Density: fake 0.5 is in the balls of 0 and 1 (|0.5 - 3| = 2.5 is not < 2): 2 balls; fake 10 in none:
        //   2 / (1 * 2) = 1.
        // Coverage: nearest fakes 0.5, 0.5, 2.5 against radii 1, 1, 2 -> reals 0 and 1 covered -> 2/3.
        double[][] real = {{0}, {1}, {3}};
        double[][] fake = {{0.5}, {10}};
        PrecisionRecall prdc = PrecisionRecall.between(real, fake, 1);
        assertThat(prdc.precision()).isEqualTo(0.5);
        assertThat(prdc.recall()).isEqualTo(1.0);
        assertThat(prdc.density()).isEqualTo(1.0);
        assertThat(prdc.coverage()).isCloseTo(2.0 / 3, within(1e-15));
    }

    @Test
    void oneDistributionScoresHighAndDisjointOnesZero() {
        double[][] real = samples(1000, 4, 0, 1, 1);
        PrecisionRecall same = PrecisionRecall.between(real, samples(1000, 4, 0, 1, 2));
        PrecisionRecall disjoint = PrecisionRecall.between(real, samples(1000, 4, 20, 1, 3));

        assertThat(same.precision()).isGreaterThan(0.85);
        assertThat(same.recall()).isGreaterThan(0.85);
        // Naeem et al.: for identical distributions E[density] = 1 and E[coverage] = 1 - 1/2^k (0.97 for k = 5).
        assertThat(same.density()).isCloseTo(1.0, within(0.1));
        assertThat(same.coverage()).isCloseTo(1 - 1 / 32.0, within(0.03));
        assertThat(disjoint.precision()).isZero();
        assertThat(disjoint.recall()).isZero();
        assertThat(disjoint.density()).isZero();
        assertThat(disjoint.coverage()).isZero();
    }

    @Test
    void modeCollapseKeepsPrecisionAndLosesRecallAndCoverage() {
        double[][] real = samples(1000, 2, 0, 1, 4);
        // Every fake near one real point: each looks real, together they reach little of the data.
        double[][] collapsed = samples(1000, 2, 0, 0.05, 5);
        PrecisionRecall prdc = PrecisionRecall.between(real, collapsed);

        assertThat(prdc.precision()).isGreaterThan(0.95);
        assertThat(prdc.recall()).isLessThan(0.1);
        assertThat(prdc.coverage()).isLessThan(0.1);
    }

    @Test
    void twoModesOfWhichTheFakesShareOneScoreHalf() {
        // Real: half from mode A = N(0, I), half from mode B = N(20, I). Fake: half from A, half from a mode C =
        // N(-20, I) that no real point is near. Modes 20 apart leave every k-NN ball inside its own mode, so the A
        // halves score exactly what they score alone and the other halves score 0: every metric is half of A
        // alone against A alone (up to distances that round differently in the two matrix products).
        double[][] a1 = samples(500, 4, 0, 1, 6);
        double[][] a2 = samples(500, 4, 0, 1, 7);
        double[][] real = concat(a1, samples(500, 4, 20, 1, 8));
        double[][] fake = concat(a2, samples(500, 4, -20, 1, 9));

        PrecisionRecall alone = PrecisionRecall.between(a1, a2);
        PrecisionRecall half = PrecisionRecall.between(real, fake);

        assertThat(half.precision()).isCloseTo(alone.precision() / 2, within(0.004));
        assertThat(half.recall()).isCloseTo(alone.recall() / 2, within(0.004));
        assertThat(half.density()).isCloseTo(alone.density() / 2, within(0.004));
        assertThat(half.coverage()).isCloseTo(alone.coverage() / 2, within(0.004));
        assertThat(alone.precision()).isGreaterThan(0.85);
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
