package dev.jvmgan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ActivationType;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationRReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each family member against the seed article's formula, values and gradients, in double precision. */
class ActivationsTest {
    /** Away from the kink at 0, where finite differences say nothing. */
    private static final double[] POINTS = {-2, -1, -0.3, 0.4, 1.5};
    private static final double SELU_LAMBDA = 1.0507009873554804934193349852946;
    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;

    static Stream<Arguments> deterministic() {
        return Stream.of(
                Arguments.of(ActivationConfig.relu(), (DoubleUnaryOperator) x -> Math.max(0, x)),
                Arguments.of(ActivationConfig.leakyRelu(0.2), (DoubleUnaryOperator) x -> x > 0 ? x : 0.2 * x),
                Arguments.of(new ActivationConfig(ActivationType.ELU, 0.5, Double.NaN, Double.NaN),
                        (DoubleUnaryOperator) x -> x > 0 ? x : 0.5 * (Math.exp(x) - 1)),
                Arguments.of(ActivationConfig.defaults(ActivationType.ELU),
                        (DoubleUnaryOperator) x -> x > 0 ? x : Math.exp(x) - 1),
                Arguments.of(ActivationConfig.defaults(ActivationType.SELU),
                        (DoubleUnaryOperator) x -> SELU_LAMBDA * (x > 0 ? x : SELU_ALPHA * (Math.exp(x) - 1))),
                Arguments.of(ActivationConfig.defaults(ActivationType.GELU),
                        (DoubleUnaryOperator) x -> x * 0.5 * (1 + erf(x / Math.sqrt(2)))),
                Arguments.of(ActivationConfig.defaults(ActivationType.SILU),
                        (DoubleUnaryOperator) x -> x / (1 + Math.exp(-x))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deterministic")
    void valuesAndGradientsMatchTheFormula(ActivationConfig config, DoubleUnaryOperator formula) {
        IActivation activation = Activations.of(config);
        for (boolean training : new boolean[] {true, false}) {
            double[] out = activation.getActivation(points(), training).toDoubleVector();
            for (int i = 0; i < POINTS.length; i++) {
                assertThat(out[i]).as("f(%s), training %s", POINTS[i], training)
                        .isCloseTo(formula.applyAsDouble(POINTS[i]), within(1e-9));
            }
        }
        double[] grad = activation.backprop(points(), Nd4j.onesLike(points())).getFirst().toDoubleVector();
        for (int i = 0; i < POINTS.length; i++) {
            double h = 1e-6;
            double numeric = (formula.applyAsDouble(POINTS[i] + h) - formula.applyAsDouble(POINTS[i] - h)) / (2 * h);
            assertThat(grad[i]).as("f'(%s)", POINTS[i]).isCloseTo(numeric, within(1e-6));
        }
    }

    /**
     * Training runs in float, where exp overflows above about 88.7: at a high learning rate pre-activations of
     * hundreds occur, and every member must still give finite values and gradients there (a NaN stops the run as
     * if training had diverged).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deterministic")
    void finiteAndRightAtLargeInputsInFloat(ActivationConfig config, DoubleUnaryOperator formula) {
        double[] xs = {-1000, -100, -90, -50, -20, 20, 50, 89, 90, 100, 1000};
        IActivation activation = Activations.of(config);
        INDArray in = Nd4j.createFromArray(xs).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        double[] out = activation.getActivation(in.dup(), true).toDoubleVector();
        double[] grad = activation.backprop(in.dup(), Nd4j.onesLike(in)).getFirst().toDoubleVector();
        for (int i = 0; i < xs.length; i++) {
            double expected = formula.applyAsDouble(xs[i]);
            double h = 1e-3;
            double slope = (formula.applyAsDouble(xs[i] + h) - formula.applyAsDouble(xs[i] - h)) / (2 * h);
            assertThat(out[i]).as("f(%s)", xs[i]).isCloseTo(expected, within(1e-5 * Math.max(1, Math.abs(expected))));
            assertThat(grad[i]).as("f'(%s)", xs[i]).isCloseTo(slope, within(1e-4));
        }
    }

    @Test
    void rreluUsesTheMeanSlopeInInference() {
        IActivation rrelu = Activations.of(ActivationConfig.defaults(ActivationType.RRELU));
        double mean = (1.0 / 8 + 1.0 / 3) / 2;
        double[] out = rrelu.getActivation(points(), false).toDoubleVector();
        for (int i = 0; i < POINTS.length; i++) {
            assertThat(out[i]).isCloseTo(POINTS[i] > 0 ? POINTS[i] : mean * POINTS[i], within(1e-12));
        }
    }

    @Test
    void rreluDrawsSlopesInTrainingAndBackpropagatesThem() {
        IActivation rrelu = Activations.of(ActivationConfig.defaults(ActivationType.RRELU));
        Nd4j.getRandom().setSeed(7);
        INDArray in = Nd4j.linspace(-3, 3, 600).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        double[] x = in.toDoubleVector();
        double[] out = rrelu.getActivation(in.dup(), true).toDoubleVector();
        double[] grad = rrelu.backprop(in.dup(), Nd4j.onesLike(in)).getFirst().toDoubleVector();
        double minSlope = 1;
        double maxSlope = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0) {
                double slope = out[i] / x[i];
                assertThat(slope).isBetween(1.0 / 8 - 1e-12, 1.0 / 3 + 1e-12);
                assertThat(grad[i]).isCloseTo(slope, within(1e-12));
                minSlope = Math.min(minSlope, slope);
                maxSlope = Math.max(maxSlope, slope);
            } else {
                assertThat(out[i]).isEqualTo(x[i]);
                assertThat(grad[i]).isEqualTo(1.0);
            }
        }
        assertThat(maxSlope - minSlope).as("slopes are drawn per element").isGreaterThan(0.15);
    }

    @Test
    void mapsToTheExpectedClasses() {
        assertThat(Activations.of(ActivationConfig.relu())).isInstanceOf(ActivationReLU.class);
        assertThat(Activations.of(ActivationConfig.leakyRelu(0.2))).isInstanceOfSatisfying(ActivationLReLU.class,
                a -> assertThat(a.getAlpha()).isEqualTo(0.2));
        assertThat(Activations.of(ActivationConfig.defaults(ActivationType.RRELU)))
                .isInstanceOfSatisfying(RReLUActivation.class, a -> {
                    assertThat(a.getL()).isEqualTo(1.0 / 8);
                    assertThat(a.getU()).isEqualTo(1.0 / 3);
                });
        assertThat(Activations.of(ActivationConfig.defaults(ActivationType.ELU)))
                .isInstanceOfSatisfying(EluActivation.class, a -> assertThat(a.getAlpha()).isEqualTo(1.0));
        assertThat(Activations.of(ActivationConfig.defaults(ActivationType.SELU))).isInstanceOf(SeluActivation.class);
        assertThat(Activations.of(ActivationConfig.defaults(ActivationType.GELU))).isInstanceOf(GeluActivation.class);
        assertThat(Activations.of(ActivationConfig.defaults(ActivationType.SILU))).isInstanceOf(SiluActivation.class);
    }

    @Test
    void fastLeakyReluBackwardEqualsDl4jsOwn() {
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 3, 5, 5).subi(0.5);
        x.putScalar(0, 0, 0, 0, 0.0);
        x.putScalar(1, 2, 3, 4, 0.0);
        INDArray epsilon = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 3, 5, 5);
        INDArray fast = new LeakyReluActivation(0.2).backprop(x.dup(), epsilon).getFirst();
        INDArray dl4j = new ActivationLReLU(0.2).backprop(x.dup(), epsilon).getFirst();
        assertThat(fast.equalsWithEps(dl4j, 0)).as("bitwise equal, also at x = 0").isTrue();
        assertThat(fast.getDouble(0, 0, 0, 0)).as("slope 1 at x = 0, as in DL4J")
                .isEqualTo(epsilon.getDouble(0, 0, 0, 0));
        assertThat(x.lt(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().intValue())
                .as("the check above is not vacuous: some inputs are negative").isPositive();
    }

    @Test
    void fastLeakyReluForwardEqualsDl4jsOwnBitwise() {
        for (org.nd4j.linalg.api.buffer.DataType type : List.of(org.nd4j.linalg.api.buffer.DataType.FLOAT,
                org.nd4j.linalg.api.buffer.DataType.DOUBLE)) {
            for (double alpha : new double[] {0.2, 0.01, 0.3}) {
                // Two shapes in turn: the scratch array grows, then serves a smaller request from its prefix.
                for (long[] shape : List.of(new long[] {2, 3, 4, 4}, new long[] {4, 3, 5, 5}, new long[] {3, 7})) {
                    INDArray x = Nd4j.randn(type, shape).muli(3);
                    x.putScalar(0, 0.0);
                    x.putScalar(1, -0.0);
                    x.putScalar(2, Double.NaN);
                    x.putScalar(3, -1e-30);
                    INDArray fast = new LeakyReluActivation(alpha).getActivation(x.dup(), true);
                    INDArray dl4j = new ActivationLReLU(alpha).getActivation(x.dup(), true);
                    for (long i = 0; i < x.length(); i++) {
                        assertThat(Double.doubleToRawLongBits(fast.getDouble(i)))
                                .as("%s alpha %s element %d of %s", type, alpha, i, x.getDouble(i))
                                .isEqualTo(Double.doubleToRawLongBits(dl4j.getDouble(i)));
                    }
                    assertThat(fast.getDouble(1)).as("-0 stays -0").isEqualTo(-0.0);
                    assertThat(fast.getDouble(5)).isEqualTo(x.getDouble(5) > 0 ? x.getDouble(5)
                            : (type == org.nd4j.linalg.api.buffer.DataType.FLOAT
                                    ? (double) ((float) alpha * (float) x.getDouble(5)) : alpha * x.getDouble(5)));
                }
            }
        }
    }

    @Test
    void fastLeakyReluForwardOnAnFOrderView() {
        INDArray x = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, 6, 5).dup('f');
        INDArray fast = new LeakyReluActivation(0.2).getActivation(x.dup('f'), true);
        INDArray expected = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 6, 5);
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 5; c++) {
                float v = x.getFloat(r, c);
                expected.putScalar(r, c, v > 0 ? v : 0.2f * v);
            }
        }
        assertThat(fast.equalsWithEps(expected, 0)).isTrue();
        assertThat(x.lt(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().intValue()).isPositive();
    }

    @Test
    void rejectsPReLU() {
        assertThatThrownBy(() -> Activations.of(ActivationConfig.defaults(ActivationType.PRELU)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PReLULayer");
    }

    /** Why three classes are ours: if an upgrade fixes DL4J, this fails and the workarounds can go. */
    @Test
    void dl4jM21DefectsStillPresent() {
        double mean = (1.0 / 8 + 1.0 / 3) / 2;
        double[] rrelu = new ActivationRReLU().getActivation(points(), false).toDoubleVector();
        assertThat(rrelu[0]).as("thresholded relu, not slope").isCloseTo(mean, within(1e-12));
        double[] elu = new ActivationELU(0.5).backprop(points(), Nd4j.onesLike(points())).getFirst().toDoubleVector();
        assertThat(elu[0]).as("alpha dropped").isCloseTo(Math.exp(-2), within(1e-9));
        double[] gelu = new ActivationGELU().getActivation(points(), false).toDoubleVector();
        double[] precise = new ActivationGELU(true).getActivation(points(), false).toDoubleVector();
        for (int i = 0; i < POINTS.length; i++) {
            double x = POINTS[i];
            assertThat(gelu[i]).isCloseTo(x / (1 + Math.exp(-1.702 * x)), within(1e-6));
            double misplacedCube = Math.pow(0.044715 * x, 3);
            assertThat(precise[i]).isCloseTo(
                    0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + misplacedCube))), within(1e-6));
        }
        INDArray fifty = Nd4j.createFromArray(50f, 1f);
        double[] swish = new ActivationSwish().backprop(fifty.dup(), Nd4j.onesLike(fifty)).getFirst().toDoubleVector();
        assertThat(swish[0]).as("swish's gradient overflows in float at 50").isNaN();
        assertThat(swish[1]).isCloseTo(sigmoid(1) * (1 + 1 - sigmoid(1)), within(1e-6));
    }

    private static INDArray points() {
        return Nd4j.createFromArray(POINTS);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * Maclaurin series; converges to double precision for |x| <= 2 within 60 terms. Beyond |x| = 6, erf is +-1 to
     * double precision (1 - erf(6) is 2e-17); between, the series is not used by these tests.
     */
    static double erf(double x) {
        if (Math.abs(x) > 6) {
            return Math.signum(x);
        }
        double sum = 0;
        double term = x; // (-1)^n x^(2n+1) / n!
        for (int n = 0; n < 60; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}
