package dev.jvmgan.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Optional;

/**
 * The Wasserstein GAN loss of Arjovsky et al. (2017) ({@code wgan}); D is a critic with a raw output:
 * <pre>
 *   L_D = -E[ D(x) ] + E[ D(G(z)) ]        the negated estimate of W1(P_real, P_G) when D is 1-Lipschitz
 *   L_G = -E[ D(G(z)) ]
 *   dL/dD = -1/n on real, +1/n on fake, -1/n for G
 * </pre>
 * Only meaningful with a constraint on D's Lipschitz constant: the WGAN-GP gradient penalty
 * ({@link dev.jvmgan.penalty.WganGpPenalty}) or spectral normalisation; without one the critic's outputs grow
 * without bound. No labels, so no label smoothing. (WGAN-GP's paper also adds nothing else to this loss; some
 * implementations add a small drift term {@code 0.001 E[D(x)^2]}, which this loss leaves out.)
 *
 * <p>Monitors: D(x) and D(G(z)) are mean critic scores, defined only up to a common constant: the critic's loss does
 * not change if every output shifts by c. Only their difference D(x) - D(G(z)) means something, an estimate of the
 * Wasserstein-1 distance (times the Lipschitz constant), which should shrink as G improves. The
 * {@code d-overpowering} rule with absolute thresholds therefore does not apply ({@link #overpowering()} is empty);
 * {@code g-gradient-vanishing} does, as G's gradient is D's input gradient, which the penalty keeps near norm 1.
 */
public final class Wasserstein implements GanLoss {

    @Override
    public String name() {
        return "wgan";
    }

    @Override
    public LossTerm discriminatorOnReal(INDArray realLogits) {
        return Outputs.linear(realLogits, -1);
    }

    @Override
    public LossTerm discriminatorOnFake(INDArray fakeLogits) {
        return Outputs.linear(fakeLogits, 1);
    }

    @Override
    public LossTerm generator(INDArray fakeLogits) {
        return Outputs.linear(fakeLogits, -1);
    }

    @Override
    public OutputScale outputScale() {
        return OutputScale.RAW;
    }

    @Override
    public Optional<OverpowerThresholds> overpowering() {
        return Optional.empty();
    }
}
