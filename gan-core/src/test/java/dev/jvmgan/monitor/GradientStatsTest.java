package dev.jvmgan.monitor;

import static dev.jvmgan.model.NetworkRole.DISCRIMINATOR;
import static dev.jvmgan.model.NetworkRole.GENERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GradientStatsTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void l2MatchesADirectDoubleSum(DataType type) {
        Nd4j.getRandom().setSeed(5);
        INDArray a = Nd4j.randn(DataType.DOUBLE, 7, 3, 4).castTo(type);
        double sum = 0;
        for (long i = 0; i < a.length(); i++) {
            double v = a.getDouble(i);
            sum += v * v;
        }
        assertThat(GradientStats.l2(a)).isCloseTo(Math.sqrt(sum), within(1e-12));
        assertThat(GradientStats.l2(Nd4j.empty(DataType.FLOAT))).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void meanPerSampleNormByHand(DataType type) {
        INDArray a = Nd4j.createFromArray(new double[][][] {
                {{3, 4}, {0, 0}},   // |.| = 5
                {{1, 1}, {1, -1}},  // |.| = 2
                {{0, 0}, {0, 0}}}).castTo(type);
        assertThat(GradientStats.meanPerSampleNorm(a)).isCloseTo(7.0 / 3, within(1e-12));
        assertThat(GradientStats.meanPerSampleNorm(Nd4j.createFromArray(-2.0, 4.0))).isEqualTo(3.0);
    }

    @Test
    void updateRatioAndFlagsByHand() {
        INDArray before = Nd4j.createFromArray(3.0, 4.0);      // |before| = 5
        INDArray after = Nd4j.createFromArray(3.0, 4.5);       // |after - before| = 0.5
        INDArray gradient = Nd4j.createFromArray(0.6f, 0.8f);  // |g| = 1
        ParamGradient p = GradientStats.of(DISCRIMINATOR, "conv2", "W", gradient, before, after, 1e-6, 10);
        assertThat(p.gradientNorm()).isCloseTo(1.0, within(1e-7));
        assertThat(p.parameterNorm()).isEqualTo(5.0);
        assertThat(p.updateRatio()).isCloseTo(0.1, within(1e-15));
        assertThat(p.vanishing()).isFalse();
        assertThat(p.exploding()).isFalse();
        assertThat(GradientStats.of(DISCRIMINATOR, "conv2", "W", gradient, before, after, 2, 10).vanishing()).isTrue();
        assertThat(GradientStats.of(DISCRIMINATOR, "conv2", "W", gradient, before, after, 1e-6, 0.5).exploding())
                .isTrue();
        INDArray nan = Nd4j.createFromArray(Double.NaN, 1.0);
        assertThat(GradientStats.of(DISCRIMINATOR, "conv2", "W", nan, before, after, 1e-6, 10).exploding()).isTrue();
    }

    @Test
    void updateRatioIsZeroWhenTheParametersWereZero() {
        INDArray zeros = Nd4j.zeros(DataType.FLOAT, 1, 4);
        ParamGradient p = GradientStats.of(GENERATOR, "fc1", "b", Nd4j.ones(DataType.FLOAT, 1, 4), zeros,
                Nd4j.ones(DataType.FLOAT, 1, 4).muli(1e-3), 1e-6, 10);
        assertThat(p.parameterNorm()).isZero();
        assertThat(p.updateRatio()).isZero();
    }

    @Test
    void sigmoidSaturationIsBeyondLogit99() {
        // sigmoid(4.5) = 0.98901 and sigmoid(4.6) = 0.99014: ln 99 = 4.595 lies between.
        INDArray logits = Nd4j.createFromArray(-5.0, -4.5, 0.0, 4.5, 4.6, 10.0).reshape(6, 1);
        assertThat(GradientStats.saturatedSigmoidFraction(logits)).isCloseTo(3.0 / 6, within(1e-15));
        assertThat(1 / (1 + Math.exp(-GradientStats.SIGMOID_SATURATED_LOGIT))).isCloseTo(0.99, within(1e-15));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void firstNonFiniteFindsNanAndInfinityInRowMajorOrder(DataType type) {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 3, 4).castTo(type);
        assertThat(GradientStats.firstNonFinite(a)).isEqualTo(-1);
        a.putScalar(9, Double.NaN);
        assertThat(GradientStats.firstNonFinite(a)).isEqualTo(9);
        a.putScalar(5, Double.NEGATIVE_INFINITY);
        assertThat(GradientStats.firstNonFinite(a)).isEqualTo(5);
        a.putScalar(new long[] {0, 2}, Double.POSITIVE_INFINITY);
        assertThat(GradientStats.firstNonFinite(a)).isEqualTo(2);
    }

    @Test
    void firstNonFiniteIndexesViewsAndFortranOrderRowMajor() {
        INDArray f = Nd4j.create(DataType.FLOAT, new long[] {3, 4}, 'f');
        f.putScalar(new long[] {1, 0}, Float.NaN); // row-major index 4, buffer index 1
        assertThat(GradientStats.firstNonFinite(f)).isEqualTo(4);
        INDArray view = Nd4j.zeros(DataType.DOUBLE, 4, 4).get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3), org.nd4j.linalg.indexing.NDArrayIndex.all());
        view.putScalar(new long[] {1, 3}, Double.POSITIVE_INFINITY);
        assertThat(GradientStats.firstNonFinite(view)).isEqualTo(7);
    }

    @Test
    void largeFiniteFloatsWhoseSumOverflowsAreNotReported() {
        INDArray big = Nd4j.ones(DataType.FLOAT, 100).muli(3e38f);
        assertThat(GradientStats.firstNonFinite(big)).isEqualTo(-1);
    }
}
