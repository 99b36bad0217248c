package dev.jvmgan.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BceWithLogitsTest {

    @Test
    void handComputedValues() {
        INDArray logits = Nd4j.create(new double[]{0.0, 2.0, -3.0}, new long[]{3, 1});
        BceWithLogits.Result real = BceWithLogits.of(logits, Labels.REAL);
        // -log sigmoid(x): log 2, log(1 + e^-2), log(1 + e^3)
        double expected = (Math.log(2) + Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(3))) / 3;
        assertThat(real.loss()).isCloseTo(expected, within(1e-12));
        double s2 = 1 / (1 + Math.exp(-2));
        double s3 = 1 / (1 + Math.exp(3));
        assertThat(real.dLogits().toDoubleVector()).containsExactly(
                new double[]{(0.5 - 1) / 3, (s2 - 1) / 3, (s3 - 1) / 3}, within(1e-12));
        assertThat(real.meanProbability()).isCloseTo((0.5 + s2 + s3) / 3, within(1e-12));

        BceWithLogits.Result fake = BceWithLogits.of(logits, Labels.FAKE);
        // -log(1 - sigmoid(x)) = softplus(x): log 2, log(1 + e^2), log(1 + e^-3)
        assertThat(fake.loss()).isCloseTo((Math.log(2) + Math.log1p(Math.exp(2)) + Math.log1p(Math.exp(-3))) / 3,
                within(1e-12));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[] x = {-4.0, -0.3, 0.0, 0.7, 5.0};
        for (double label : new double[]{Labels.REAL, Labels.FAKE}) {
            INDArray grad = BceWithLogits.of(Nd4j.create(x, new long[]{5, 1}), label).dLogits();
            for (int i = 0; i < x.length; i++) {
                double h = 1e-6;
                double[] plus = x.clone();
                double[] minus = x.clone();
                plus[i] += h;
                minus[i] -= h;
                double numeric = (BceWithLogits.of(Nd4j.create(plus, new long[]{5, 1}), label).loss()
                        - BceWithLogits.of(Nd4j.create(minus, new long[]{5, 1}), label).loss()) / (2 * h);
                assertThat(grad.getDouble(i)).isCloseTo(numeric, within(1e-9));
            }
        }
    }

    @Test
    void stableForExtremeLogits() {
        INDArray logits = Nd4j.create(new double[]{-1000, 1000}, new long[]{2, 1});
        assertThat(BceWithLogits.of(logits, Labels.REAL).loss()).isCloseTo(500, within(1e-9));
        assertThat(BceWithLogits.of(logits, Labels.FAKE).loss()).isCloseTo(500, within(1e-9));
    }

    @Test
    void aPositiveLogitMeansReal() {
        INDArray confidentReal = Nd4j.create(new double[]{8.0}, new long[]{1, 1});
        assertThat(BceWithLogits.of(confidentReal, Labels.REAL).loss()).isLessThan(1e-3);
        assertThat(BceWithLogits.of(confidentReal, Labels.FAKE).loss()).isGreaterThan(7.9);
        assertThat(Labels.REAL).isEqualTo(1.0);
        assertThat(Labels.FAKE).isEqualTo(0.0);
    }

    @Test
    void keepsTheLogitsDataType() {
        INDArray logits = Nd4j.create(DataType.FLOAT, 4, 1);
        assertThat(BceWithLogits.of(logits, Labels.REAL).dLogits().dataType()).isEqualTo(DataType.FLOAT);
    }
}
