package dev.jvmgan.monitor;

import dev.jvmgan.backend.Buffers;
import dev.jvmgan.model.NetworkRole;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.indexaccum.FirstIndex;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Norms, update ratios, sigmoid saturation and the first non-finite entry, all as ND4J reductions.
 *
 * <p>Norms accumulate in double: a float reduction over a few million squared entries loses digits exactly when
 * the figures matter, at very small (vanishing) or very large (exploding) scales. {@link HostReductions} sums
 * contiguous float arrays in place; any other array goes through a double copy.
 */
public final class GradientStats {
    /** logit(0.99) = ln 99: sigmoid(x) &gt; 0.99 exactly when x &gt; ln 99, so no sigmoid needs computing. */
    static final double SIGMOID_SATURATED_LOGIT = Math.log(99);

    private GradientStats() {
    }

    /** L2 norm, accumulated in double; 0 for an empty array. */
    public static double l2(INDArray a) {
        Objects.requireNonNull(a, "a");
        if (a.isEmpty()) {
            return 0;
        }
        OptionalDouble inPlace = HostReductions.sumOfSquares(a);
        if (inPlace.isPresent()) {
            return Math.sqrt(inPlace.getAsDouble());
        }
        INDArray inDouble = a.castTo(DataType.DOUBLE);
        try {
            return inDouble.norm2Number().doubleValue();
        } finally {
            Buffers.releaseIfNot(a, inDouble);
        }
    }

    /**
     * Mean over samples of the per-sample L2 norm of a batch-first array {@code [B, ...]}: the size of the signal
     * one sample receives, independent of the batch size (a norm over the whole batch grows with sqrt(B)).
     */
    public static double meanPerSampleNorm(INDArray batchFirst) {
        Objects.requireNonNull(batchFirst, "batchFirst");
        if (batchFirst.rank() < 1 || batchFirst.isEmpty()) {
            throw new IllegalArgumentException("batchFirst: expected [B, ...] with B >= 1, got "
                    + Arrays.toString(batchFirst.shape()));
        }
        long batch = batchFirst.size(0);
        INDArray inDouble = batchFirst.castTo(DataType.DOUBLE);
        INDArray norms = inDouble.reshape('c', batch, batchFirst.length() / batch).norm2(1);
        try {
            return norms.meanNumber().doubleValue();
        } finally {
            Buffers.release(norms);
            Buffers.releaseIfNot(batchFirst, inDouble);
        }
    }

    /**
     * Gradient health of one parameter array.
     *
     * <p>updateRatio = |after - before| / |before|, the relative step the optimiser took (around 1e-3 is the usual
     * healthy figure). It is 0 when |before| is 0: that only happens to arrays initialised to zero (biases, batch
     * norm beta) before their first update, where a relative step is undefined and an infinity would spoil every
     * chart and mean; the absolute step is still visible as |after| from the next check on.
     *
     * @param gradient       the gradient of this parameter array
     * @param before         a copy of the parameters taken before the update (not a view of the live parameters)
     * @param after          the parameters after the update; same length as {@code before}
     * @param vanishingBelow flag {@code vanishing} when gradientNorm &lt; this
     * @param explodingAbove flag {@code exploding} when gradientNorm &gt; this, or is NaN
     */
    public static ParamGradient of(NetworkRole network, String layer, String param, INDArray gradient, INDArray before,
                                   INDArray after, double vanishingBelow, double explodingAbove) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.length() != after.length()) {
            throw new IllegalArgumentException(NetworkLetter.of(network) + " " + layer + "/" + param + ": before has "
                    + before.length() + " entries, after " + after.length());
        }
        double gradientNorm = l2(gradient);
        double parameterNorm = l2(before);
        double step = before.isEmpty() ? 0 : stepNorm(before, after);
        double updateRatio = parameterNorm == 0 ? 0 : step / parameterNorm;
        // NaN fails every comparison; a NaN gradient is the worst explosion, so flag it rather than let it pass.
        boolean exploding = gradientNorm > explodingAbove || Double.isNaN(gradientNorm);
        return new ParamGradient(network, layer, param, gradientNorm, parameterNorm, updateRatio,
                gradientNorm < vanishingBelow, exploding);
    }

    /** |after - before|, in double: in place where {@link HostReductions} can, else through double copies. */
    private static double stepNorm(INDArray before, INDArray after) {
        OptionalDouble inPlace = HostReductions.sumOfSquaredDifferences(after, before);
        if (inPlace.isPresent()) {
            return Math.sqrt(inPlace.getAsDouble());
        }
        INDArray afterDouble = after.castTo(DataType.DOUBLE);
        INDArray beforeDouble = before.castTo(DataType.DOUBLE);
        INDArray difference = afterDouble.reshape(after.length()).sub(beforeDouble.reshape(before.length()));
        try {
            return difference.norm2Number().doubleValue();
        } finally {
            Buffers.release(difference);
            Buffers.releaseIfNot(after, afterDouble);
            Buffers.releaseIfNot(before, beforeDouble);
        }
    }

    /** Fraction of entries with sigmoid(logit) &gt; 0.99 or &lt; 0.01, where BCE's gradient for the wrong label is &lt; 1%. */
    public static double saturatedSigmoidFraction(INDArray logits) {
        Objects.requireNonNull(logits, "logits");
        if (logits.isEmpty()) {
            throw new IllegalArgumentException("logits: empty array");
        }
        long count = Nd4j.getExecutioner()
                .exec(new MatchCondition(logits, Conditions.absGreaterThan(SIGMOID_SATURATED_LOGIT))).getLong(0);
        return (double) count / logits.length();
    }

    /**
     * Index of the first NaN or infinite entry in row-major order (the index {@code a.getDouble(long)} takes), or -1.
     *
     * <p>The common case, all finite, costs one sum: a NaN or an infinity always makes the sum non-finite. A
     * non-finite sum can also come from overflow of large finite entries, so only then is the index searched for.
     */
    public static long firstNonFinite(INDArray a) {
        Objects.requireNonNull(a, "a");
        if (a.isEmpty() || Double.isFinite(a.sumNumber().doubleValue())) {
            return -1;
        }
        // FirstIndex counts in row-major order for views and 'f' arrays too (GradientStatsTest pins this).
        return Nd4j.getExecutioner().exec(new FirstIndex(a, Conditions.notFinite())).getLong(0);
    }
}
