package dev.jvmgan.model;

import dev.jvmgan.config.ActivationConfig;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;

/**
 * The Leaky ReLU family as DL4J activation functions, and what each one really computes in DL4J 1.0.0-M2.1.
 * Every entry below was checked point by point (values and gradients) against the formulas; see
 * {@code ActivationsTest}.
 *
 * <table>
 *   <caption>type, implementation, M2.1 behaviour</caption>
 *   <tr><th>type</th><th>IActivation</th><th>notes</th></tr>
 *   <tr><td>relu</td><td>{@code ActivationReLU}</td><td>max(0, x); gradient 0 at x = 0</td></tr>
 *   <tr><td>leakyrelu</td><td>{@link LeakyReluActivation}</td><td>DL4J's {@code ActivationLReLU(alpha)} is correct
 *       but its backward op is slow; the subclass computes the same gradient faster. Never
 *       {@code Activation.LEAKYRELU}: that enum constant means DL4J's alpha 0.01, not the GAN convention 0.2</td></tr>
 *   <tr><td>rrelu</td><td>{@link RReLUActivation}</td><td>DL4J's {@code ActivationRReLU} is wrong in M2.1 both ways:
 *       in inference it runs a thresholded ReLU with cutoff (lower+upper)/2 (every x below the cutoff comes out as
 *       the cutoff, e.g. -2 gives 0.229), and its backprop returns gradient 1 everywhere (its mask is tested on an
 *       array of ones). The subclass keeps the training draw (one slope per element, uniform in [lower, upper]),
 *       uses the mean slope in inference, and backpropagates the drawn slopes</td></tr>
 *   <tr><td>elu</td><td>{@link EluActivation}</td><td>DL4J's {@code ActivationELU} computes the forward pass with
 *       alpha but calls {@code elu_bp} without it, so its gradient for x &lt; 0 is exp(x) instead of
 *       alpha*exp(x) (wrong whenever alpha != 1). The subclass passes alpha</td></tr>
 *   <tr><td>selu</td><td>{@link SeluActivation}</td><td>DL4J's {@code ActivationSELU} is correct: lambda
 *       1.0507009873554805, alpha 1.6732632423543772 (Klambauer et al. 2017); the subclass is faster in
 *       float32</td></tr>
 *   <tr><td>gelu</td><td>{@link GeluActivation}</td><td>exact x*Phi(x) via erf, as PyTorch's default
 *       {@code nn.GELU()}. DL4J's {@code ActivationGELU()} is the sigmoid approximation x*sigmoid(1.702x) (-0.0643
 *       instead of -0.0455 at x = -2) and {@code ActivationGELU(true)} ("precise") is a tanh approximation whose cubic
 *       term is (0.044715x)^3 instead of 0.044715x^3 (-0.0789 at x = -2)</td></tr>
 *   <tr><td>silu</td><td>{@link SiluActivation}</td><td>DL4J's {@code ActivationSwish} computes x*sigmoid(x)
 *       right, but its backward op overflows in float above x of about 44 and returns NaN there (exp(x) squared is
 *       infinite); the subclass's gradient sigmoid(x)*(1 + x*(1 - sigmoid(x))) is finite everywhere</td></tr>
 *   <tr><td>prelu</td><td>none</td><td>a layer with learned slopes ({@code PReLULayer}), built by the network
 *       factory; {@link #of} rejects it</td></tr>
 * </table>
 *
 * <p>In float32 the toolkit's ELU, SELU, GELU and SiLU run both passes as oneDNN's element-wise functions, one
 * vectorised sweep each (SELU a multiply more; {@link dev.jvmgan.fastops.EltwiseFunction}, with its formulas and how
 * far from them); ND4J's ops compute them in double precision and wherever oneDNN cannot run.
 *
 * <p>Parameter ranges are {@link ActivationConfig}'s to check. The subclasses are public with no-argument
 * constructors because DL4J stores activations in its JSON configuration by class name: checkpoints written with
 * them load back.
 */
public final class Activations {
    private Activations() {
    }

    /** The DL4J activation for a family member (not PReLU, which is a layer). */
    public static IActivation of(ActivationConfig a) {
        return switch (a.type()) {
            case RELU -> new ActivationReLU();
            case LEAKYRELU -> new LeakyReluActivation(a.alpha());
            case RRELU -> new RReLUActivation(a.lower(), a.upper());
            case ELU -> new EluActivation(a.alpha());
            case SELU -> new SeluActivation();
            case GELU -> new GeluActivation();
            case SILU -> new SiluActivation();
            case PRELU -> throw new IllegalArgumentException(
                    "prelu has learned slopes, so it is a layer (PReLULayer), not an IActivation: "
                            + "NetworkFactory builds it");
        };
    }
}
