package dev.jvmgan.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.model.Activations;
import dev.jvmgan.model.EluActivation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The saturation thresholds re-derived from the gradients the networks really use (the project's DL4J activations,
 * backpropagating an epsilon of 1 in double precision): below each threshold the gradient is under 5% of its scale,
 * just above it is not.
 */
class SaturationThresholdsTest {
    private static final double STEP = 1e-3;

    @Test
    void eluAndSeluThresholdIsWhereTheNegativeSideGradientFallsTo5PercentOfItsValueAtZero() {
        for (IActivation f : new IActivation[] {Activations.of(ActivationConfig.defaults(ActivationType.ELU)),
                new EluActivation(0.5), Activations.of(ActivationConfig.defaults(ActivationType.SELU))}) {
            double atZero = gradient(f, -1e-12);
            double t = UnitStats.EXP_SATURATED_BELOW;
            assertThat(gradient(f, t) / atZero).as(f.toString()).isCloseTo(0.05, within(1e-9));
            assertThat(gradient(f, t - STEP) / atZero).as(f.toString()).isLessThan(0.05);
            assertThat(gradient(f, t + STEP) / atZero).as(f.toString()).isGreaterThan(0.05);
        }
        assertThat(UnitStats.EXP_SATURATED_BELOW).isEqualTo(Math.log(0.05));
    }

    @Test
    void geluThresholdIsWhereItsGradientLeaves0point05ForGood() {
        assertTailThreshold(ActivationType.GELU, UnitStats.GELU_SATURATED_BELOW);
        assertThat(UnitStats.GELU_SATURATED_BELOW).isCloseTo(-2.35, within(0.01));
    }

    @Test
    void siluThresholdIsWhereItsGradientLeaves0point05ForGood() {
        assertTailThreshold(ActivationType.SILU, UnitStats.SILU_SATURATED_BELOW);
        assertThat(UnitStats.SILU_SATURATED_BELOW).isCloseTo(-4.08, within(0.01));
    }

    /** |f'(t)| = 0.05; |f'| &lt; 0.05 everywhere on a grid from -20 up to t; |f'(t + step)| &gt; 0.05. */
    private static void assertTailThreshold(ActivationType type, double t) {
        IActivation f = Activations.of(ActivationConfig.defaults(type));
        assertThat(Math.abs(gradient(f, t))).isCloseTo(0.05, within(1e-9));
        assertThat(Math.abs(gradient(f, t + STEP))).isGreaterThan(0.05);
        INDArray grid = Nd4j.linspace(DataType.DOUBLE, -20, t - STEP, 2000);
        INDArray g = f.backprop(grid.dup(), Nd4j.onesLike(grid)).getFirst();
        assertThat(Math.abs(g.amaxNumber().doubleValue())).isLessThan(0.05);
    }

    private static double gradient(IActivation f, double x) {
        INDArray in = Nd4j.scalar(DataType.DOUBLE, x).reshape(1, 1);
        return f.backprop(in, Nd4j.ones(DataType.DOUBLE, 1, 1)).getFirst().getDouble(0);
    }
}
