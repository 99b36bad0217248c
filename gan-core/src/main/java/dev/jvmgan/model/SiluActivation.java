package dev.jvmgan.model;

import dev.jvmgan.fastops.EltwiseFunction;
import dev.jvmgan.fastops.FastActivation;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * SiLU (swish), f(x) = x*sigmoid(x), with the gradient f'(x) = s*(1 + x*(1 - s)), s = sigmoid(x), which stays finite
 * for every float x. M2.1's {@link ActivationSwish} computes the same forward pass, but its backward op overflows in
 * float32 for x above about 44 (exp(x) squared is infinite, and it divides infinity by infinity): a unit with a
 * pre-activation of 50 gets a NaN gradient, which stops training as if it had diverged.
 *
 * <p>On float32 arrays both passes run as oneDNN's {@link EltwiseFunction#SWISH} with alpha 1, one vectorised sweep
 * each (its gradient is the same formula, finite too); elsewhere (double precision, views, no oneDNN) ND4J's ops run.
 */
public class SiluActivation extends ActivationSwish implements FastActivation.OneDnnFunction {
    @Override
    public EltwiseFunction eltwise() {
        return EltwiseFunction.SWISH;
    }

    @Override
    public double eltwiseAlpha() {
        return 1;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return EltwiseFunction.SWISH.activateInPlace(1, in) ? in : super.getActivation(in, training);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        if (EltwiseFunction.SWISH.backpropInPlace(1, in, epsilon)) {
            return new Pair<>(in, null);
        }
        INDArray s = Transforms.sigmoid(in, true);
        // in <- (x*(1 - s) + 1) * s * epsilon, in place: the caller hands over a copy of the input.
        in.muli(s.rsub(1)).addi(1).muli(s).muli(epsilon);
        return new Pair<>(in, null);
    }

    // Stateless: equal by class, so network configurations compare equal after a JSON round trip.
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public String toString() {
        return "silu";
    }
}
