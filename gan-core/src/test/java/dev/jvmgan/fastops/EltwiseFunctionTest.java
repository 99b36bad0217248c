package dev.jvmgan.fastops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * oneDNN's element-wise functions against their formulas (in {@link EltwiseFunction}'s Javadoc) evaluated in double
 * precision on the same float inputs, with the errors bounded in units of the float result's magnitude.
 */
class EltwiseFunctionTest {
    /** -30 to 30 in steps of 0.0015, exact zeros of both signs, and tiny values. */
    private static float[] inputs() {
        int n = 40_001;
        float[] x = new float[n + 4];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (-30 + 60.0 * i / (n - 1));
        }
        x[n] = 0f;
        x[n + 1] = -0f;
        x[n + 2] = 1e-30f;
        x[n + 3] = -1e-30f;
        return x;
    }

    private static double sigmoid(double s) {
        return 1 / (1 + Math.exp(-s));
    }

    private static final double ALPHA = 0.7;

    @Test
    void eluMatchesItsFormula() {
        check(EltwiseFunction.ELU, ALPHA, s -> s > 0 ? s : ALPHA * Math.expm1(s),
                s -> s > 0 ? 1 : ALPHA * Math.exp(s));
    }

    @Test
    void exactGeluMatchesItsFormula() {
        double invSqrt2 = 1 / Math.sqrt(2);
        double invSqrt2Pi = 1 / Math.sqrt(2 * Math.PI);
        check(EltwiseFunction.GELU_ERF, 0, s -> s * 0.5 * (1 + Erf.erf(s * invSqrt2)),
                s -> 0.5 * (1 + Erf.erf(s * invSqrt2)) + s * invSqrt2Pi * Math.exp(-s * s / 2));
    }

    @Test
    void siluMatchesItsFormula() {
        check(EltwiseFunction.SWISH, 1, s -> s * sigmoid(s), s -> sigmoid(s) * (1 + s * (1 - sigmoid(s))));
    }

    @Test
    void leakyReluIsExact() {
        check(EltwiseFunction.RELU, 0.2, s -> s > 0 ? s : (float) (0.2f * (float) s), s -> s > 0 ? 1 : 0.2f);
    }

    /**
     * Where oneDNN's ELU gradient leaves the formula: for 0 &lt;= x &lt; about 6e-8, where exp(x) rounds to 1 in float,
     * it takes the slope alpha, not 1 (ND4J's {@code elu_bp} takes 1 from x = 0 on). Only a non-default alpha sees it.
     */
    @Test
    void eluTakesSlopeAlphaFromZeroToWhereExpRoundsToOne() {
        INDArray x = Nd4j.createFromArray(0f, -0f, 1e-30f, 1e-10f, 1e-7f, 1e-5f, 1f);
        INDArray dy = Nd4j.ones(DataType.FLOAT, 7);
        INDArray dx = Nd4j.create(DataType.FLOAT, 7);
        EltwiseFunction.ELU.backward(ALPHA, x, dy, dx);
        assertThat(dx.toFloatVector()).containsExactly(0.7f, 0.7f, 0.7f, 0.7f, 1f, 1f, 1f);
        EltwiseFunction.ELU.backward(1, x, dy, dx);
        assertThat(dx.toFloatVector()).as("alpha 1, the default").containsOnly(1f);
    }

    /**
     * The worst error over {@link #inputs()}, absolute where the double result is below 1 in magnitude and relative
     * above, must be under {@code 1e-6} (float's rounding is 6e-8 at 1). The backward pass is checked on dL/dy
     * uniform in [-2, 2], away from 0 (within 1e-7 of it only the forward pass). Measured 2026-12-06: forward 0
     * (ReLU), 7e-8 (ELU), 2.6e-7 (GELU), 1e-7 (SiLU); backward 1.4e-8, 2.1e-7, 3.1e-7, 4.9e-7.
     */
    private static void check(EltwiseFunction fn, double alpha, DoubleUnaryOperator f, DoubleUnaryOperator slope) {
        float[] xs = inputs();
        INDArray x = Nd4j.createFromArray(xs);
        INDArray dy = Nd4j.rand(DataType.FLOAT, xs.length).muli(4).subi(2);
        INDArray y = Nd4j.create(DataType.FLOAT, xs.length);
        INDArray dx = Nd4j.create(DataType.FLOAT, xs.length);
        assertThat(EltwiseFunction.runsOn(x, dy, y, dx)).isTrue();
        fn.forward(alpha, x, y);
        fn.backward(alpha, x, dy, dx);
        double worstY = 0, worstDx = 0;
        for (int i = 0; i < xs.length; i++) {
            double expectedY = f.applyAsDouble(xs[i]);
            double expectedDx = dy.getFloat(i) * slope.applyAsDouble(xs[i]);
            worstY = Math.max(worstY, Math.abs(y.getFloat(i) - expectedY) / Math.max(1, Math.abs(expectedY)));
            if (Math.abs(xs[i]) > 1e-7) {   // ELU's gradient at 0 <= x < 6e-8: the test above
                double error = Math.abs(dx.getFloat(i) - expectedDx) / Math.max(1, Math.abs(expectedDx));
                worstDx = Math.max(worstDx, error);
            }
        }
        System.out.printf("%s: worst error forward %.3g, backward %.3g%n", fn, worstY, worstDx);
        assertThat(worstY).as("%s forward", fn).isLessThan(1e-6);
        assertThat(worstDx).as("%s backward", fn).isLessThan(1e-6);
    }
}
