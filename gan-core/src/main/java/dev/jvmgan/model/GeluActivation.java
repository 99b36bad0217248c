package dev.jvmgan.model;

import dev.jvmgan.fastops.EltwiseFunction;
import dev.jvmgan.fastops.FastActivation;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Exact GELU, x*Phi(x) with Phi(x) = (1 + erf(x/sqrt 2)) / 2, gradient Phi(x) + x*phi(x): what PyTorch's
 * {@code nn.GELU()} computes. Neither of M2.1's {@code ActivationGELU} variants does (see {@link Activations}).
 *
 * <p>On float32 arrays both passes run as oneDNN's {@link EltwiseFunction#GELU_ERF}, one vectorised sweep each
 * where ND4J's ops take five to seven; elsewhere (double precision, views, no oneDNN) ND4J's ops below run.
 */
public class GeluActivation extends BaseActivationFunction implements FastActivation.OneDnnFunction {
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    @Override
    public EltwiseFunction eltwise() {
        return EltwiseFunction.GELU_ERF;
    }

    @Override
    public double eltwiseAlpha() {
        return 0;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return EltwiseFunction.GELU_ERF.activateInPlace(0, in) ? in : in.muli(normalCdf(in));
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        if (EltwiseFunction.GELU_ERF.backpropInPlace(0, in, epsilon)) {
            return new Pair<>(in, null);
        }
        INDArray pdf = Transforms.exp(in.mul(in).muli(-0.5), false).muli(INV_SQRT_2PI);
        INDArray dLdz = pdf.muli(in).addi(normalCdf(in)).muli(epsilon);
        return new Pair<>(dLdz, null);
    }

    private static INDArray normalCdf(INDArray x) {
        INDArray t = x.mul(INV_SQRT2);
        Nd4j.getExecutioner().execAndReturn(new Erf(t));
        return t.addi(1).muli(0.5);
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
        return "gelu(exact)";
    }
}
