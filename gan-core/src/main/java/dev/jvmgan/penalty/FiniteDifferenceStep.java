package dev.jvmgan.penalty;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The step of the central difference in {@link MixedHessianVector}, relative to the scale of D's input:
 * {@code h = relativeStep * rms(X)}, the direction normalised to an RMS of 1 per element.
 *
 * <p>Choice: a central difference of gradients computed with unit roundoff u (2^-24 in float32, 2^-53 in double)
 * has relative error about {@code c u / k + k^2 / 6} for {@code k = h / rms(X)}, the first term the rounding of the
 * two gradients magnified by 1/(2h), the second the truncation for a function that varies over the input's scale
 * (c grows with the network's depth and width). Their sum is smallest at {@code k = (3 c u)^(1/3)}; with c = 1:
 * <ul>
 *   <li>float32: k = (3 * 2^-24)^(1/3) = 5.6e-3, i.e. a step of about 0.004 on images in [-1, 1] (RMS ~0.7),
 *       some 30,000 float32 spacings (1.2e-7) of a pixel value near 1, so the perturbation itself is represented
 *       to ~3e-5 of its size;</li>
 *   <li>double: k = (3 * 2^-53)^(1/3) = 6.9e-6.</li>
 * </ul>
 * A larger step also crosses more ReLU kinks (a unit whose pre-activation lies within the step of 0 adds a jump
 * to the difference); a smaller one drowns in rounding. The per-call scale keeps the step sensible for inputs in
 * [0, 1], [-1, 1] or [0, 255] alike; an all-zero batch uses scale 1.
 *
 * @param relativeStep k, &gt; 0 and &lt; 1
 */
public record FiniteDifferenceStep(double relativeStep) {

    public FiniteDifferenceStep {
        if (!(relativeStep > 0 && relativeStep < 1)) {
            throw new IllegalArgumentException("relativeStep: must be in (0, 1), got " + relativeStep);
        }
    }

    /** k = (3u)^(1/3) for the data type's unit roundoff u: the choice above with c = 1. */
    public static FiniteDifferenceStep forType(DataType type) {
        double unitRoundoff = switch (type) {
            case DOUBLE -> 0x1.0p-53;
            case FLOAT -> 0x1.0p-24;
            case HALF -> 0x1.0p-11;
            case BFLOAT16 -> 0x1.0p-8;
            default -> throw new IllegalArgumentException("no finite-difference step for data type " + type
                    + ": D's input must be floating point");
        };
        return new FiniteDifferenceStep(Math.cbrt(3 * unitRoundoff));
    }

    /** h for an input batch of this RMS (1 if the batch is all zeros). */
    public double step(double inputRms) {
        return relativeStep * (inputRms > 0 ? inputRms : 1);
    }
}
