package dev.jvmgan.model;

import dev.jvmgan.fastops.EltwiseFunction;
import dev.jvmgan.fastops.FastActivation;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SELU, lambda x if x &gt; 0 else lambda alpha (exp(x) - 1), with lambda = {@value #LAMBDA} and alpha = {@value #ALPHA}
 * (Klambauer et al. 2017), gradient lambda if x &gt; 0 else lambda alpha exp(x): DL4J's {@link ActivationSELU}, which
 * computes it right.
 *
 * <p>On float32 arrays both passes run as oneDNN's {@link EltwiseFunction#ELU} with alpha {@value #ALPHA} and then a
 * multiply by lambda: in the reference DCGAN's discriminator M2.1's {@code selu} and {@code selu_bp} took 25.2 ms of an
 * iteration ({@code gan bench --profile}, 2026-12-06). oneDNN's ELU gradient takes the slope lambda alpha for
 * 0 &lt;= x &lt; 6e-8 (see {@link EltwiseFunction}). Elsewhere (double precision, views, no oneDNN) DL4J's ops run.
 */
public class SeluActivation extends ActivationSELU implements FastActivation.OneDnnFunction {
    /** SELU's scale, as DL4J's {@code selu} op has it. */
    public static final double LAMBDA = 1.0507009873554805;
    /** SELU's alpha, as DL4J's {@code selu} op has it. */
    public static final double ALPHA = 1.6732632423543772;

    @Override
    public EltwiseFunction eltwise() {
        return EltwiseFunction.ELU;
    }

    @Override
    public double eltwiseAlpha() {
        return ALPHA;
    }

    @Override
    public double eltwiseScale() {
        return LAMBDA;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        if (!EltwiseFunction.ELU.activateInPlace(ALPHA, in)) {
            return super.getActivation(in, training);
        }
        FastActivation.scale(this, in);
        return in;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        if (!EltwiseFunction.ELU.backpropInPlace(ALPHA, in, epsilon)) {
            return super.backprop(in, epsilon);
        }
        FastActivation.scale(this, in);
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
        return "selu";
    }
}
