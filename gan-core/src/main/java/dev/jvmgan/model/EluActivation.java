package dev.jvmgan.model;

import dev.jvmgan.fastops.EltwiseFunction;
import dev.jvmgan.fastops.FastActivation;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.EluBp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ELU, x if x &gt; 0 else alpha*(exp(x) - 1), with the gradient alpha*exp(x) for x &lt; 0. M2.1's
 * {@link ActivationELU} drops alpha in backprop (gradient exp(x)); this subclass passes it on.
 *
 * <p>On float32 arrays both passes run as oneDNN's {@link EltwiseFunction#ELU}, one vectorised sweep each: in the
 * reference DCGAN's discriminator ND4J's ELU and its backward op took 27.5 ms of an iteration (2026-12-05,
 * {@code gan bench --profile}). Elsewhere (double precision, views, no oneDNN) ND4J's ops run.
 */
public class EluActivation extends ActivationELU implements FastActivation.OneDnnFunction {
    public EluActivation() {
        super();
    }

    public EluActivation(double alpha) {
        super(alpha);
    }

    @Override
    public EltwiseFunction eltwise() {
        return EltwiseFunction.ELU;
    }

    @Override
    public double eltwiseAlpha() {
        return getAlpha();
    }

    /** {@code in} is the layer's own copy of its pre-activation (DL4J's contract); it becomes the activation. */
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return EltwiseFunction.ELU.activateInPlace(getAlpha(), in) ? in : super.getActivation(in, training);
    }

    /** {@code in} is the layer's own copy of its input (DL4J's contract); it becomes the gradient. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        if (!EltwiseFunction.ELU.backpropInPlace(getAlpha(), in, epsilon)) {
            Nd4j.getExecutioner().execAndReturn(new EluBp(in, epsilon, in, getAlpha()));
        }
        return new Pair<>(in, null);
    }
}
