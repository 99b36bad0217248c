package dev.jvmgan.train;

/**
 * What one training iteration (k discriminator updates, then one generator update) measured.
 *
 * @param iteration     generator updates done so far, this one included (1-based)
 * @param imagesSeen    real images the discriminator has seen so far
 * @param dLoss         BCE(D(x), real) + BCE(D(G(z)), fake) on the last discriminator step, before its update
 * @param gLoss         BCE(D(G(z)), real) on the generator step, through the updated discriminator
 * @param dReal         mean D(x) = sigmoid(logit) on the real batch of the last discriminator step
 * @param dFake         mean D(G(z)) on the fake batch of the last discriminator step
 * @param seconds       wall time of this iteration
 */
public record IterationStats(long iteration, long imagesSeen, double dLoss, double gLoss, double dReal,
                             double dFake, double seconds) {
}
