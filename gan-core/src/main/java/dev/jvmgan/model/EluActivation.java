package dev.jvmgan.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.EluBp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ELU, x if x &gt; 0 else alpha*(exp(x) - 1), with the gradient alpha*exp(x) for x &lt; 0. M2.1's
 * {@link ActivationELU} drops alpha in backprop (gradient exp(x)); this subclass passes it on.
 */
public class EluActivation extends ActivationELU {
    public EluActivation() {
        super();
    }

    public EluActivation(double alpha) {
        super(alpha);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        Nd4j.getExecutioner().execAndReturn(new EluBp(in, epsilon, in, getAlpha()));
        return new Pair<>(in, null);
    }
}
