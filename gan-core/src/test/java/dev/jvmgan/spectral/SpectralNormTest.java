package dev.jvmgan.spectral;

import dev.jvmgan.random.RandomStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SpectralNormTest {

    static INDArray random(long seed, long... shape) {
        RandomStream stream = new RandomStream(seed);
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(Shape.ind2subC(shape, i), stream.nextGaussian());
        }
        return a;
    }

    /**
     * The weight as torch's matrix, by index arithmetic written out per layout (rows are outputs; columns run over
     * the other dimensions in order): an independent check of the permute-and-reshape.
     */
    static double[][] torchMatrix(INDArray w, WeightLayout layout) {
        long[] s = w.shape();
        if (layout == WeightLayout.DENSE) {
            double[][] m = new double[(int) s[1]][(int) s[0]];
            for (int o = 0; o < s[1]; o++) {
                for (int i = 0; i < s[0]; i++) {
                    m[o][i] = w.getDouble(i, o);
                }
            }
            return m;
        }
        boolean outputsFirst = layout == WeightLayout.CONVOLUTION;
        int outputs = (int) (outputsFirst ? s[0] : s[1]);
        int inputs = (int) (outputsFirst ? s[1] : s[0]);
        double[][] m = new double[outputs][(int) (inputs * s[2] * s[3])];
        for (int o = 0; o < outputs; o++) {
            for (int i = 0; i < inputs; i++) {
                for (int a = 0; a < s[2]; a++) {
                    for (int b = 0; b < s[3]; b++) {
                        m[o][(int) ((i * s[2] + a) * s[3] + b)] = outputsFirst ? w.getDouble(o, i, a, b)
                                : w.getDouble(i, o, a, b);
                    }
                }
            }
        }
        return m;
    }

    static double largestSingularValue(double[][] m) {
        return new SingularValueDecomposition(new Array2DRowRealMatrix(m)).getSingularValues()[0];
    }

    @Test
    void sigmaConvergesToTheLargestSingularValue() {
        Object[][] cases = {{WeightLayout.DENSE, new long[]{5, 7}}, {WeightLayout.CONVOLUTION, new long[]{4, 3, 3, 3}},
                {WeightLayout.DECONVOLUTION, new long[]{3, 4, 2, 2}}};
        for (Object[] c : cases) {
            WeightLayout layout = (WeightLayout) c[0];
            long[] shape = (long[]) c[1];
            INDArray w = random(1, shape);
            SpectralNorm sn = new SpectralNorm(shape, layout, DataType.DOUBLE, 2);
            INDArray normalised = null;
            for (int step = 0; step < 300; step++) {
                normalised = sn.forward(w, true);
            }
            double expected = largestSingularValue(torchMatrix(w, layout));
            assertThat(sn.sigma()).as(layout.toString()).isCloseTo(expected, within(1e-10 * expected));
            assertThat(largestSingularValue(torchMatrix(normalised, layout))).as(layout + " W_SN")
                    .isCloseTo(1, within(1e-10));
        }
    }

    @Test
    void oneIterationPerTrainingForwardNoneInInference() {
        INDArray w = random(3, 4, 3, 3, 3);
        SpectralNorm sn = new SpectralNorm(w.shape(), WeightLayout.CONVOLUTION, DataType.DOUBLE, 4);
        double previous = 0;
        for (int step = 0; step < 20; step++) {
            sn.forward(w, true);
            // Alternating power iteration never lowers u^T M v (= ||M v|| <= ||M^T u|| <= next ||M v||).
            assertThat(sn.sigma()).isGreaterThanOrEqualTo(previous - 1e-12);
            previous = sn.sigma();
        }
        double[] u = sn.state().u();
        INDArray inference = sn.forward(w, false);
        assertThat(sn.state().u()).containsExactly(u);
        assertThat(sn.sigma()).isEqualTo(previous);
        assertThat(inference).isEqualTo(w.div(previous));
        sn.forward(w, true);
        assertThat(sn.state().u()).isNotEqualTo(u);
    }

    @Test
    void aDiagonalWeightByHand() {
        INDArray w = Nd4j.createFromArray(new double[][]{{3, 0}, {0, 1}});
        SpectralNorm sn = new SpectralNorm(w.shape(), WeightLayout.DENSE, DataType.DOUBLE, 5);
        INDArray normalised = null;
        for (int step = 0; step < 100; step++) {
            normalised = sn.forward(w, true);
        }
        assertThat(sn.sigma()).isCloseTo(3, within(1e-12));
        assertThat(normalised.toDoubleMatrix()[0]).containsExactly(new double[]{1, 0}, within(1e-12));
        assertThat(normalised.toDoubleMatrix()[1]).containsExactly(new double[]{0, 1.0 / 3}, within(1e-12));
        // u = v = +-e1, so u v^T = e1 e1^T; G = ones: <G, W_SN> = 4/3, dL/dW = (ones - 4/3 e1 e1^T) / 3.
        INDArray gradient = sn.backward(Nd4j.ones(DataType.DOUBLE, 2, 2));
        assertThat(gradient.toDoubleMatrix()[0]).containsExactly(new double[]{-1.0 / 9, 1.0 / 3}, within(1e-12));
        assertThat(gradient.toDoubleMatrix()[1]).containsExactly(new double[]{1.0 / 3, 1.0 / 3}, within(1e-12));
    }

    @Test
    void gradientMatchesFiniteDifferencesWithUAndVHeld() {
        Object[][] cases = {{WeightLayout.DENSE, new long[]{3, 4}}, {WeightLayout.CONVOLUTION, new long[]{2, 2, 2, 2}},
                {WeightLayout.DECONVOLUTION, new long[]{2, 3, 2, 2}}};
        for (Object[] c : cases) {
            WeightLayout layout = (WeightLayout) c[0];
            long[] shape = (long[]) c[1];
            INDArray w = random(6, shape);
            INDArray upstream = random(7, shape);
            SpectralNorm sn = new SpectralNorm(shape, layout, DataType.DOUBLE, 8);
            sn.forward(w, true);
            sn.forward(w, true); // u, v not yet the singular vectors: the general case
            INDArray analytic = sn.backward(upstream);
            double h = 1e-6;
            double worst = 0;
            for (long i = 0; i < w.length(); i++) {
                long[] at = Shape.ind2subC(shape, i);
                INDArray plus = w.dup();
                plus.putScalar(at, w.getDouble(at) + h);
                INDArray minus = w.dup();
                minus.putScalar(at, w.getDouble(at) - h);
                // Inference passes hold u and v, as torch's backward treats them as constants.
                double numeric = (upstream.mul(sn.forward(plus, false)).sumNumber().doubleValue()
                        - upstream.mul(sn.forward(minus, false)).sumNumber().doubleValue()) / (2 * h);
                worst = Math.max(worst, Math.abs(numeric - analytic.getDouble(at)));
            }
            assertThat(worst).as(layout.toString()).isLessThan(1e-8);
        }
    }

    @Test
    void aRestoredStateContinuesBitwise() {
        INDArray w = random(9, 4, 3, 3, 3).castTo(DataType.FLOAT);
        SpectralNorm original = new SpectralNorm(w.shape(), WeightLayout.CONVOLUTION, DataType.FLOAT, 1);
        for (int step = 0; step < 5; step++) {
            original.forward(w, true);
        }
        SpectralNormState saved = original.state();
        SpectralNorm resumed = new SpectralNorm(w.shape(), WeightLayout.CONVOLUTION, DataType.FLOAT, 99);
        resumed.restore(saved);
        INDArray next = original.forward(w, true);
        assertThat(resumed.forward(w, true)).isEqualTo(next);
        assertThat(resumed.sigma()).isEqualTo(original.sigma());
        assertThat(next.dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void rejectsMismatches() {
        SpectralNorm sn = new SpectralNorm(new long[]{3, 4}, WeightLayout.DENSE, DataType.DOUBLE, 1);
        assertThatThrownBy(() -> sn.forward(Nd4j.zeros(DataType.DOUBLE, 4, 3), true)).hasMessageContaining("[3, 4]");
        assertThatThrownBy(() -> sn.backward(Nd4j.zeros(DataType.DOUBLE, 3, 4))).hasMessageContaining("before forward");
        assertThatThrownBy(() -> new SpectralNorm(new long[]{3}, WeightLayout.DENSE, DataType.DOUBLE, 1))
                .hasMessageContaining("rank 2");
        assertThatThrownBy(() -> sn.restore(new SpectralNormState(new double[2], new double[3])))
                .hasMessageContaining("u of 2");
    }
}
