package dev.jvmgan.config;

/**
 * One activation of the Leaky ReLU family with its parameters. Parameters a type does not use are NaN.
 *
 * <ul>
 *   <li>{@code relu}: max(0, x)</li>
 *   <li>{@code leakyrelu}: x if x &gt; 0 else alpha*x; alpha defaults to 0.2 (the GAN convention; DL4J's own
 *       default of 0.01 never applies)</li>
 *   <li>{@code prelu}: leaky ReLU with a learned slope per channel, initialised to alpha (default 0.25)</li>
 *   <li>{@code rrelu}: slope drawn uniformly from [lower, upper] in training, their mean in inference
 *       (defaults 1/8 and 1/3)</li>
 *   <li>{@code elu}: x if x &gt; 0 else alpha*(exp(x)-1); alpha defaults to 1.0</li>
 *   <li>{@code selu}, {@code gelu}, {@code silu} (alias {@code swish}): no parameters</li>
 * </ul>
 */
public record ActivationConfig(ActivationType type, double alpha, double lower, double upper) {

    public static ActivationConfig relu() {
        return new ActivationConfig(ActivationType.RELU, Double.NaN, Double.NaN, Double.NaN);
    }

    public static ActivationConfig leakyRelu(double alpha) {
        return new ActivationConfig(ActivationType.LEAKYRELU, alpha, Double.NaN, Double.NaN);
    }

    /** The type with its default parameters. */
    public static ActivationConfig defaults(ActivationType type) {
        return switch (type) {
            case RELU, SELU, GELU, SILU -> new ActivationConfig(type, Double.NaN, Double.NaN, Double.NaN);
            case LEAKYRELU -> leakyRelu(0.2);
            case PRELU -> new ActivationConfig(type, 0.25, Double.NaN, Double.NaN);
            case RRELU -> new ActivationConfig(type, Double.NaN, 1.0 / 8, 1.0 / 3);
            case ELU -> new ActivationConfig(type, 1.0, Double.NaN, Double.NaN);
        };
    }
}
