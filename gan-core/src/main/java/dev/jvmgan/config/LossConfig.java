package dev.jvmgan.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The GAN loss ({@code train.loss}), with one-sided label smoothing for the losses that have labels:
 * <ul>
 *   <li>{@code ns}: non-saturating (Goodfellow et al. 2014), the default; D's output a logit;</li>
 *   <li>{@code minimax}: the original, saturating loss; D's output a logit;</li>
 *   <li>{@code lsgan}: least squares (Mao et al. 2017); D's output a raw regression value;</li>
 *   <li>{@code hinge}: geometric GAN's hinge (Lim and Ye 2017), as SN-GAN and BigGAN; D's output a raw margin;</li>
 *   <li>{@code wgan}: Wasserstein (Arjovsky et al. 2017); D a critic, which needs a Lipschitz constraint
 *       ({@code train.penalty: wgan-gp} or spectral normalisation).</li>
 * </ul>
 * The math of each is in its class of {@code dev.jvmgan.loss}.
 *
 * @param type      the loss
 * @param realLabel D's target for real images: 1 is no smoothing, 0.9 Salimans et al.'s (2016) one-sided
 *                  smoothing. In (0, 1] for {@code ns}, {@code minimax} and {@code lsgan}; exactly 1 for
 *                  {@code hinge} and {@code wgan}, which have no labels (so a config may switch type without
 *                  deleting the key)
 */
public record LossConfig(Type type, double realLabel) {

    /** The losses; YAML spells them in lower case. */
    public enum Type {
        NS(true, Outputs.PROBABILITY), MINIMAX(true, Outputs.PROBABILITY), LSGAN(true, Outputs.RAW),
        HINGE(false, Outputs.RAW), WGAN(false, Outputs.CRITIC);

        private final boolean labels;
        private final Outputs outputs;

        Type(boolean labels, Outputs outputs) {
            this.labels = labels;
            this.outputs = outputs;
        }

        /** Whether D is trained toward labels, and so takes one-sided label smoothing. */
        public boolean hasLabels() {
            return labels;
        }

        /** What the mean of D's output on a batch is, and so what the monitors' D(x) and D(G(z)) mean. */
        public Outputs outputs() {
            return outputs;
        }

        /** {@code ns}. */
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the monitors show as D(x) and D(G(z)) for a loss; {@code dev.jvmgan.loss.OutputScale} at run time. */
    public enum Outputs {
        /** Mean sigmoid of D's logit, in (0, 1). */
        PROBABILITY,
        /** Mean raw output, unbounded: a regression value (lsgan) or a margin (hinge). */
        RAW,
        /** Mean critic score, defined up to a constant: only D(x) - D(G(z)) means something. */
        CRITIC
    }

    /**
     * The {@code d-overpowering} thresholds a loss brings along, on its own scale ({@code monitors.alerts.dRealAbove:
     * auto}); the run's losses return the same ({@code GanLoss.overpowering()}, a test keeps the two in step).
     */
    public record Overpowering(double realAbove, double fakeBelow) {
    }

    static final Bound REAL_LABEL = Bound.above(0).atMost(1);

    public LossConfig {
        Objects.requireNonNull(type, "type");
        REAL_LABEL.require("realLabel", realLabel);
        if (!type.hasLabels() && realLabel != 1) {
            throw new IllegalArgumentException("realLabel: " + noLabels(type));
        }
    }

    /** The loss without label smoothing. */
    public static LossConfig of(Type type) {
        return new LossConfig(type, 1.0);
    }

    /**
     * The thresholds of {@code d-overpowering} when the config leaves them {@code auto}: D(x) above 0.95 of the real
     * target and D(G(z)) below 0.05 for the labelled losses, both batches beyond the margins (1 and -1) for hinge, and
     * none for a critic, whose absolute levels mean nothing.
     */
    public Optional<Overpowering> overpowering() {
        return switch (type) {
            case NS, MINIMAX, LSGAN -> Optional.of(new Overpowering(0.95 * realLabel, 0.05));
            case HINGE -> Optional.of(new Overpowering(1, -1));
            case WGAN -> Optional.empty();
        };
    }

    /** {@code hinge has no labels to smooth (its margin plays that part): ...}. */
    static String noLabels(Type type) {
        String labelled = Arrays.stream(Type.values()).filter(Type::hasLabels).map(Type::yamlName)
                .collect(Collectors.joining(", "));
        return type.yamlName() + " has no labels to smooth" + (type == Type.HINGE ? " (its margin plays that part)"
                : "") + ", so realLabel must be 1; one-sided label smoothing is for " + labelled;
    }
}
