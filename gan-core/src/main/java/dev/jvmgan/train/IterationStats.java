package dev.jvmgan.train;

/**
 * What one training iteration (k discriminator steps, then one generator update) measured. D's figures are those
 * of the last D step; what D(x) and D(G(z)) are depends on the loss ({@code LossConfig.Type#outputs()}).
 *
 * @param iteration           generator updates done so far, this one included (1-based)
 * @param imagesSeen          real images the discriminator has seen so far
 * @param dLoss               D's loss on the real and the fake batch, before its update (without any penalty)
 * @param gLoss               G's loss, through the updated discriminator
 * @param dReal               D(x): the loss's mean output on the real batch (a mean sigmoid for ns and minimax, a
 *                            mean raw output for lsgan, hinge and wgan)
 * @param dFake               D(G(z)): the same on the fake batch
 * @param seconds             wall time of this iteration
 * @param penalty             the gradient penalty P (without its gain) of this iteration's last penalty pass; NaN
 *                            when no penalty ran in this iteration (none configured, or a lazy one off its step)
 * @param penaltyGradientNorm the mean norm of D's input gradient at the penalty's points; NaN as {@code penalty}
 * @param classAccuracyReal   with ACGAN's auxiliary classifier, the share of the real batch D's class logits get
 *                            right; NaN without one
 * @param classAccuracyFake   ... and of G's batch, judged as the class each image was made as (through the
 *                            updated D, as {@code gLoss}): whether G makes images of their class, as D sees it
 */
public record IterationStats(long iteration, long imagesSeen, double dLoss, double gLoss, double dReal,
                             double dFake, double seconds, double penalty, double penaltyGradientNorm,
                             double classAccuracyReal, double classAccuracyFake) {

    /** An iteration without an auxiliary classifier. */
    public IterationStats(long iteration, long imagesSeen, double dLoss, double gLoss, double dReal, double dFake,
                          double seconds, double penalty, double penaltyGradientNorm) {
        this(iteration, imagesSeen, dLoss, gLoss, dReal, dFake, seconds, penalty, penaltyGradientNorm, Double.NaN,
                Double.NaN);
    }

    /** An iteration without a gradient penalty. */
    public IterationStats(long iteration, long imagesSeen, double dLoss, double gLoss, double dReal, double dFake,
                          double seconds) {
        this(iteration, imagesSeen, dLoss, gLoss, dReal, dFake, seconds, Double.NaN, Double.NaN);
    }
}
