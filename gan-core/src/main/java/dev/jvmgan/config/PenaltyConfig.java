package dev.jvmgan.config;

import java.util.Locale;
import java.util.Objects;

/**
 * A gradient penalty on D's input gradient ({@code train.penalty}), computed without double backprop
 * ({@code dev.jvmgan.penalty}):
 * <ul>
 *   <li>{@code none}: the default;</li>
 *   <li>{@code r1}: {@code (gamma / 2) E[ ||grad_x D(x)||^2 ]} on real images (Mescheder et al. 2018), lazily
 *       every 16 D steps by default, as StyleGAN2;</li>
 *   <li>{@code wgan-gp}: {@code lambda E[ (||grad D(x_hat)|| - 1)^2 ]} at random interpolates of real and generated
 *       images (Gulrajani et al. 2017), in every D step by default.</li>
 * </ul>
 * Parameters a type does not take are NaN ({@code every} is 0 for {@code none}).
 *
 * @param type   the penalty
 * @param gamma  R1's weight, &gt; 0
 * @param lambda WGAN-GP's weight, &gt; 0 (the paper's 10)
 * @param every  D steps between penalty updates, 1..10000: 1 adds the penalty to every D update; k &gt; 1 is lazy
 *               regularisation, a separate D update every k steps with the penalty weighted by k (StyleGAN2's
 *               {@code Dreg} phase), during which D's Adam runs at lr c and betas^c, c = k / (k + 1)
 */
public record PenaltyConfig(Type type, double gamma, double lambda, int every) {

    /** The penalties; YAML spells them {@code none}, {@code r1}, {@code wgan-gp}. */
    public enum Type {
        NONE, R1, WGAN_GP;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    static final Bound WEIGHT = Bound.above(0);
    static final Bound EVERY = Bound.between(1, 10_000);
    /** R1's gamma when the config does not say (see README: a starting point for 28x28 to 64x64 DCGANs). */
    static final double DEFAULT_GAMMA = 0.1;
    /** Gulrajani et al.'s lambda. */
    static final double DEFAULT_LAMBDA = 10;
    /** StyleGAN2's lazy R1 interval. */
    static final int DEFAULT_R1_EVERY = 16;

    public PenaltyConfig {
        Objects.requireNonNull(type, "type");
        switch (type) {
            case NONE -> {
                requireNaN("gamma", gamma, type);
                requireNaN("lambda", lambda, type);
                if (every != 0) {
                    throw new IllegalArgumentException("every: none takes no 'every'; pass 0");
                }
            }
            case R1 -> {
                WEIGHT.require("gamma", gamma);
                requireNaN("lambda", lambda, type);
                EVERY.require("every", every);
            }
            case WGAN_GP -> {
                WEIGHT.require("lambda", lambda);
                requireNaN("gamma", gamma, type);
                EVERY.require("every", every);
            }
        }
    }

    public static PenaltyConfig none() {
        return new PenaltyConfig(Type.NONE, Double.NaN, Double.NaN, 0);
    }

    public static PenaltyConfig r1(double gamma, int every) {
        return new PenaltyConfig(Type.R1, gamma, Double.NaN, every);
    }

    public static PenaltyConfig wganGp(double lambda, int every) {
        return new PenaltyConfig(Type.WGAN_GP, Double.NaN, lambda, every);
    }

    /** The type with its default parameters: R1 gamma 0.1 every 16 D steps; WGAN-GP lambda 10 every D step. */
    public static PenaltyConfig defaults(Type type) {
        return switch (type) {
            case NONE -> none();
            case R1 -> r1(DEFAULT_GAMMA, DEFAULT_R1_EVERY);
            case WGAN_GP -> wganGp(DEFAULT_LAMBDA, 1);
        };
    }

    /** Whether a penalty is on. */
    public boolean enabled() {
        return type != Type.NONE;
    }

    /** Whether it is a phase of its own (lazy regularisation), rather than part of every D update. */
    public boolean lazy() {
        return every > 1;
    }

    private static void requireNaN(String parameter, double value, Type type) {
        if (!Double.isNaN(value)) {
            throw new IllegalArgumentException(parameter + ": " + type.yamlName() + " takes no '" + parameter
                    + "'; pass NaN");
        }
    }
}
