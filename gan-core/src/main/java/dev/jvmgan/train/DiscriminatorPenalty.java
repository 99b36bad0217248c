package dev.jvmgan.train;

import dev.jvmgan.penalty.GradientPenalty;
import dev.jvmgan.penalty.PenaltyValue;

/**
 * A gradient penalty on D's input gradient, the term of {@code Dreg} (alone, lazily) or the first term of
 * {@code Dboth} (before the loss, as the penalty needs D's input gradient while nothing is pending):
 * <pre>
 *   gain * grad_theta P(D; T(x), T(G(z)))       R1 at T(x); WGAN-GP at interpolates of T(x) and T(G(z))
 * </pre>
 * at the images as D sees them, so the penalty regularises D on the very inputs its loss trains it on. The gain is
 * the phase's interval for lazy regularisation (StyleGAN2: the penalty of 16 steps in one), else 1. Spectral norm's
 * power iteration is held during the penalty's passes ({@code TrainableNetwork.holdPowerIteration}), so each of them
 * uses the same sigma.
 *
 * @param gain the factor on the penalty's gradient, &gt; 0
 */
public record DiscriminatorPenalty(GradientPenalty penalty, double gain) implements GradientTerm {

    public DiscriminatorPenalty {
        if (!(gain > 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("gain: must be finite and > 0, got " + gain);
        }
    }

    @Override
    public void accumulate(Step step, IterationResults results) {
        // All of the penalty's passes see one D: spectral norm's power iteration is held for them (torch, which
        // differentiates the penalty, runs none for it either); the loss's own forward passes run it.
        PenaltyValue value;
        step.d().holdPowerIteration(true);
        try {
            // Conditional: every penalty pass is judged under the real images' classes (R1's are real images;
            // WGAN-GP's interpolates start from them), so the penalty code knows nothing of classes.
            value = penalty.accumulate(step.d().given(step.realClasses()), step.realSeen().images(), step.fakeSeen().images(), gain);
        } finally {
            step.d().holdPowerIteration(false);
        }
        Divergence.requireFinite(value.penalty(), "gradient penalty", step);
        results.penalty(value);
    }
}
