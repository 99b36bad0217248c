package dev.jvmgan.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An optimiser. Only Adam today (the DCGAN choice), so {@code type} is checked to be {@code adam}.
 *
 * @param type  {@code adam} (stored in lower case)
 * @param lr    learning rate, &gt; 0 and &lt; 1 (DCGAN: 2e-4)
 * @param beta1 Adam's first-moment decay, in [0, 1) (DCGAN: 0.5)
 * @param beta2 Adam's second-moment decay, in [0, 1) (0.999)
 */
public record OptimizerConfig(String type, double lr, double beta1, double beta2) {

    /** The optimiser types the trainer implements. */
    public static final List<String> TYPES = List.of("adam");

    static final Bound LR = Bound.above(0).below(1);
    static final Bound BETA = Bound.atLeast(0).below(1);

    /** Adam as DCGAN ran it (Radford et al. 2016): beta1 0.5, as the usual 0.9 made training oscillate. */
    static final Schema<OptimizerConfig> SCHEMA = Schema.of(OptimizerConfig.class,
            Key.oneOf("type", "adam", TYPES),
            Key.number("lr", 2e-4, LR),
            Key.number("beta1", 0.5, BETA),
            Key.number("beta2", 0.999, BETA));

    public OptimizerConfig {
        Objects.requireNonNull(type, "type");
        type = type.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("type: '" + type + "' is not one of: " + String.join(", ", TYPES));
        }
        LR.require("lr", lr);
        BETA.require("beta1", beta1);
        BETA.require("beta2", beta2);
    }

    /** Adam with lr 2e-4, beta1 0.5 and beta2 0.999: the defaults. */
    public static OptimizerConfig dcganAdam() {
        return SCHEMA.defaults();
    }
}
