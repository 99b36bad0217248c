package dev.jvmgan.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One activation of the Leaky ReLU family with its parameters. Parameters a type does not use are NaN.
 *
 * <ul>
 *   <li>{@code relu}: max(0, x)</li>
 *   <li>{@code leakyrelu}: x if x &gt; 0 else alpha*x; alpha defaults to 0.2 (the GAN convention; DL4J's own
 *       default of 0.01 never applies); 0 &lt;= alpha &lt; 1</li>
 *   <li>{@code prelu}: leaky ReLU with a learned slope per channel, initialised to alpha (default 0.25)</li>
 *   <li>{@code rrelu}: slope drawn uniformly from [lower, upper] in training, their mean in inference
 *       (defaults 1/8 and 1/3); 0 &lt;= lower &lt;= upper &lt; 1</li>
 *   <li>{@code elu}: x if x &gt; 0 else alpha*(exp(x)-1); alpha defaults to 1.0; alpha &gt; 0</li>
 *   <li>{@code selu}, {@code gelu}, {@code silu} (alias {@code swish}): no parameters</li>
 * </ul>
 *
 * The compact constructor insists on NaN for parameters the type does not take, because the YAML form cannot
 * carry them: a non-NaN there would silently vanish when the config is written into a run directory.
 */
public record ActivationConfig(ActivationType type, double alpha, double lower, double upper) {

    /** Every parameter name any type takes, in YAML key order. */
    static final List<String> PARAMETERS = List.of("alpha", "lower", "upper");

    private static final Bound SLOPE = Bound.atLeast(0).below(1);

    public ActivationConfig {
        Objects.requireNonNull(type, "type");
        Map<String, Bound> taken = parameters(type);
        double[] values = {alpha, lower, upper};
        for (int i = 0; i < values.length; i++) {
            String parameter = PARAMETERS.get(i);
            Bound bound = taken.get(parameter);
            if (bound != null) {
                bound.require(parameter, values[i]);
            } else if (!Double.isNaN(values[i])) {
                throw new IllegalArgumentException(parameter + ": " + notTaken(type, parameter) + "; pass NaN");
            }
        }
        rangeProblem(type, lower, upper).ifPresent(message -> {
            throw new IllegalArgumentException("lower: " + message);
        });
    }

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

    /** The parameters {@code type} takes, with their valid ranges (iterate {@link #PARAMETERS} for a stable order). */
    static Map<String, Bound> parameters(ActivationType type) {
        return switch (type) {
            case RELU, SELU, GELU, SILU -> Map.of();
            case LEAKYRELU -> Map.of("alpha", SLOPE);
            case PRELU -> Map.of("alpha", Bound.FINITE);
            case RRELU -> Map.of("lower", SLOPE, "upper", SLOPE);
            case ELU -> Map.of("alpha", Bound.above(0));
        };
    }

    /** {@code relu takes no parameter 'alpha' (leakyrelu, prelu, elu take it)}. */
    static String notTaken(ActivationType type, String parameter) {
        String takers = Arrays.stream(ActivationType.values())
                .filter(t -> parameters(t).containsKey(parameter))
                .map(t -> t.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return type.name().toLowerCase(Locale.ROOT) + " takes no parameter '" + parameter + "' ("
                + takers + (takers.contains(",") ? " take it)" : " takes it)");
    }

    /** The one constraint between two parameters: an rrelu slope range must not be empty. */
    static Optional<String> rangeProblem(ActivationType type, double lower, double upper) {
        return type == ActivationType.RRELU && lower > upper
                ? Optional.of(Bound.format(lower) + " must be <= upper (" + Bound.format(upper) + ")")
                : Optional.empty();
    }
}
