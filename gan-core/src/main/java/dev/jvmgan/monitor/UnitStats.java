package dev.jvmgan.monitor;

import dev.jvmgan.config.ActivationType;
import dev.jvmgan.backend.Buffers;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Condition;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Per-unit statistics of one activation layer's pre-activations (its input) on one batch.
 *
 * <p>A unit is dimension 1 of the array: a channel of {@code [B, C, H, W]} (counted over all samples and positions)
 * or a unit of {@code [B, N]}. Counting reads contiguous float arrays in place ({@link HostReductions}); any other
 * array takes one ND4J {@code MatchCondition} reduction per call. Neither allocates a full-size mask. NaN compares
 * false everywhere, so it counts as neither
 * non-positive nor saturated; {@link GradientStats#firstNonFinite} is the place that catches NaN.
 *
 * <p>Saturated means: the activation's gradient is below 5% of its scale, on the negative tail.
 * <ul>
 *   <li>ELU, SELU: the gradient for x &lt; 0 is c*e^x (c = alpha, or lambda*alpha) and is largest at 0⁻, so the
 *       region is e^x &lt; 0.05, x &lt; ln 0.05 = {@value #EXP_SATURATED_BELOW}, whatever alpha is (the method does
 *       not get alpha, and need not)</li>
 *   <li>GELU (exact, x*Phi(x)): |GELU'(x)| &lt; 0.05 for x &lt; {@value #GELU_SATURATED_BELOW}, found by bisection
 *       on Phi(x) + x*phi(x) = -0.05; GELU' tends to 1 for large x, so 0.05 is 5% of its pass-through slope</li>
 *   <li>SiLU (x*sigmoid(x)): |SiLU'(x)| &lt; 0.05 for x &lt; {@value #SILU_SATURATED_BELOW}, by bisection on
 *       s(x)*(1 + x*(1 - s(x))) = -0.05</li>
 *   <li>ReLU, leaky ReLU, PReLU, RReLU: none (their only flat side is the negative one, which the never-positive
 *       figures cover)</li>
 * </ul>
 * GELU' and SiLU' also cross zero (near -0.75 and -1.28), so |f'| &lt; 0.05 in a narrow band there too. That band is
 * left out on purpose: inputs pass through it rather than sit in it, and counting it would flag healthy units whose
 * pre-activations merely straddle the dip. {@code UnitStatsTest} re-derives all three thresholds from the gradients.
 */
public final class UnitStats {
    /** ln 0.05: ELU's and SELU's negative-side gradient has fallen to 5% of its value at 0⁻. */
    public static final double EXP_SATURATED_BELOW = -2.995732273553991;
    /** Where |GELU'(x)| falls below 0.05 for good (exact GELU). */
    public static final double GELU_SATURATED_BELOW = -2.3486063321793784;
    /** Where |SiLU'(x)| falls below 0.05 for good. */
    public static final double SILU_SATURATED_BELOW = -4.082559352337183;
    /** |x| above which the generator's tanh output counts as saturated: tanh'(2) = 0.071. */
    public static final double TANH_SATURATED_ABOVE = 2.0;

    private UnitStats() {
    }

    /**
     * Per unit, the fraction of entries &lt;= 0.
     *
     * @param preActivations {@code [B, C, H, W]} or {@code [B, N]} (any rank &gt;= 2: dimension 1 is the unit), float
     *                       or double
     */
    public static double[] nonPositiveFraction(INDArray preActivations) {
        return perUnitFraction(preActivations, 0.0, true);
    }

    /** Per unit, the fraction of entries in the activation's saturated region (see the class comment); all zeros for the ReLU-like types. */
    public static double[] saturatedFraction(INDArray preActivations, ActivationType type) {
        double below = saturatedBelow(type);
        if (below == Double.NEGATIVE_INFINITY) {
            return new double[checkUnits(preActivations)];
        }
        return perUnitFraction(preActivations, below, false);
    }

    /** The fraction of all entries of the generator's pre-tanh output with |x| &gt; {@value #TANH_SATURATED_ABOVE}. */
    public static double tanhSaturatedFraction(INDArray preActivations) {
        Objects.requireNonNull(preActivations, "preActivations");
        if (preActivations.isEmpty()) {
            throw new IllegalArgumentException("preActivations: empty array " + Arrays.toString(preActivations.shape()));
        }
        long count = Nd4j.getExecutioner()
                .exec(new MatchCondition(preActivations, Conditions.absGreaterThan(TANH_SATURATED_ABOVE)))
                .getLong(0);
        return (double) count / preActivations.length();
    }

    /** The upper end of the saturated region of {@code type}; negative infinity for the ReLU-like types. */
    public static double saturatedBelow(ActivationType type) {
        return switch (Objects.requireNonNull(type, "type")) {
            case ELU, SELU -> EXP_SATURATED_BELOW;
            case GELU -> GELU_SATURATED_BELOW;
            case SILU -> SILU_SATURATED_BELOW;
            case RELU, LEAKYRELU, PRELU, RRELU -> Double.NEGATIVE_INFINITY;
        };
    }

    /** Per unit, the fraction of entries below {@code threshold} (or equal to it, when {@code inclusive}). */
    private static double[] perUnitFraction(INDArray a, double threshold, boolean inclusive) {
        int units = checkUnits(a);
        double perUnit = (double) (a.length() / units);
        long[] inPlace = HostReductions.countPerUnit(a, threshold, inclusive);
        if (inPlace != null) {
            double[] fractions = new double[units];
            for (int u = 0; u < units; u++) {
                fractions[u] = inPlace[u] / perUnit;
            }
            return fractions;
        }
        Condition condition = inclusive ? Conditions.lessThanOrEqual(threshold) : Conditions.lessThan(threshold);
        if (a.length() == units) {
            // One entry per unit (a batch of one, dense or 1x1): ND4J cannot reduce over dimensions of size 1.
            double[] fractions = new double[units];
            INDArray flat = a.reshape(units);
            for (int u = 0; u < units; u++) {
                fractions[u] = condition.apply(flat.getDouble(u)) ? 1 : 0;
            }
            return fractions;
        }
        INDArray counts = Nd4j.getExecutioner().exec(new MatchCondition(a, condition, allButUnit(a.rank())));
        double[] fractions = new double[units];
        for (int u = 0; u < units; u++) {
            fractions[u] = counts.getLong(u) / perUnit;
        }
        Buffers.release(counts);
        return fractions;
    }

    private static int checkUnits(INDArray a) {
        Objects.requireNonNull(a, "preActivations");
        if (a.rank() < 2 || a.isEmpty()) {
            throw new IllegalArgumentException("preActivations: expected [B, N] or [B, C, H, W] with B, N, C >= 1, got "
                    + Arrays.toString(a.shape()));
        }
        return Math.toIntExact(a.size(1));
    }

    private static int[] allButUnit(int rank) {
        int[] dims = new int[rank - 1];
        dims[0] = 0;
        for (int d = 2; d < rank; d++) {
            dims[d - 1] = d;
        }
        return dims;
    }
}
