package dev.jvmgan.monitor;

import dev.jvmgan.model.NetworkRole;
import java.util.Objects;

/**
 * Gradient health of one parameter array at one check; build it with {@link GradientStats#of}.
 *
 * @param network      which network the parameter is in
 * @param layer        the layer's name, e.g. {@code "conv2"}
 * @param param        DL4J's parameter key: {@code "W"} (weights, also PReLU's slopes), {@code "b"}, {@code "gamma"}, ...
 * @param gradientNorm L2 norm of the gradient
 * @param parameterNorm L2 norm of the parameters before the update
 * @param updateRatio  |after - before| / |before|; 0 when |before| is 0
 * @param vanishing    gradientNorm below the vanishing threshold
 * @param exploding    gradientNorm above the exploding threshold, or NaN
 */
public record ParamGradient(NetworkRole network, String layer, String param, double gradientNorm, double parameterNorm,
                            double updateRatio, boolean vanishing, boolean exploding) {
    public ParamGradient {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(param, "param");
    }

    /** The parameter as logs and charts name it: {@code "D conv2/W"}. */
    public String id() {
        return NetworkLetter.of(network) + " " + layer + "/" + param;
    }
}
