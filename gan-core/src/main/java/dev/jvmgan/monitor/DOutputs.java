package dev.jvmgan.monitor;

import dev.jvmgan.config.LossConfig;
import java.util.Locale;

/**
 * How D(x) and D(G(z)) are named wherever they are shown (console lines, records, charts), by what they are for the
 * run's loss ({@link LossConfig.Type#outputs()}):
 * <ul>
 *   <li>{@code probability} ({@code ns}, {@code minimax}): the mean sigmoid of D's logit, {@code D(x) 0.81 D(G(z))
 *       0.22};</li>
 *   <li>{@code raw} ({@code lsgan}, {@code hinge}): the mean raw output, unbounded, {@code D(x) 1.12 D(G(z)) -0.93
 *       (raw)};</li>
 *   <li>{@code critic} ({@code wgan}): critic scores are defined up to a common constant, so only their gap means
 *       something, an estimate of the Wasserstein-1 distance that should shrink as G improves: {@code critic gap
 *       D(x)-D(G(z)) 0.35}.</li>
 * </ul>
 */
public final class DOutputs {
    private DOutputs() {
    }

    /** {@code probability}, {@code raw} or {@code critic}: the {@code dOutput} field of the records. */
    public static String jsonName(LossConfig.Outputs outputs) {
        return outputs.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The meaning a record names; a record without the field (written before losses were configurable) holds
     * probabilities.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static LossConfig.Outputs parse(String jsonName) {
        if (jsonName == null || jsonName.isEmpty()) {
            return LossConfig.Outputs.PROBABILITY;
        }
        try {
            return LossConfig.Outputs.valueOf(jsonName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown dOutput '" + jsonName + "' (probability, raw or critic)", e);
        }
    }

    /** The figures in a line of text, as the list above shows them, two decimals. */
    public static String brief(LossConfig.Outputs outputs, double dReal, double dFake) {
        return switch (outputs) {
            case PROBABILITY -> String.format(Locale.ROOT, "D(x) %.2f D(G(z)) %.2f", dReal, dFake);
            case RAW -> String.format(Locale.ROOT, "D(x) %.2f D(G(z)) %.2f (raw)", dReal, dFake);
            case CRITIC -> String.format(Locale.ROOT, "critic gap D(x)-D(G(z)) %.2f", dReal - dFake);
        };
    }

    /** What D(x) and D(G(z)) are, for a message: {@code mean probabilities}, {@code mean raw outputs}, ... */
    static String what(LossConfig.Outputs outputs) {
        return switch (outputs) {
            case PROBABILITY -> "mean probabilities";
            case RAW -> "mean raw outputs";
            case CRITIC -> "mean critic scores";
        };
    }
}
