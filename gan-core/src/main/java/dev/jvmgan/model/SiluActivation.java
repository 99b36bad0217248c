package dev.jvmgan.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * SiLU (swish), f(x) = x*sigmoid(x), with the gradient f'(x) = s*(1 + x*(1 - s)), s = sigmoid(x), which stays finite
 * for every float x. M2.1's {@link ActivationSwish} computes the same forward pass, but its backward op overflows in
 * float32 for x above about 44 (exp(x) squared is infinite, and it divides infinity by infinity): a unit with a
 * pre-activation of 50 gets a NaN gradient, which stops training as if it had diverged.
 */
public class SiluActivation extends ActivationSwish {
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
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
