package dev.jvmgan.penalty;

import dev.jvmgan.backend.TrainableNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A regulariser on D's input gradient, P(theta) = (1/B) sum_b phi(g_b) with g = grad_X sum_b D(X)_b, which adds
 * {@code gain * dP/dtheta} to D's pending gradients by a {@link MixedHessianVector} instead of double backprop.
 * Chosen by config, it is one phase of the loop:
 * <pre>{@code
 * // StyleGAN2's lazy R1: every 16th D step, its own update, the penalty weighted by the interval
 * if (dStep % 16 == 0) { penalty.accumulate(d, real, fake, 16); d.applyUpdate(); }
 * // WGAN-GP: every D step, before the critic's own passes, in the same update
 * penalty.accumulate(d, real, fake, 1); ...critic loss passes...; d.applyUpdate();
 * }</pre>
 *
 * <p>Contract: D must have no pending backward passes when this is called (the input gradient it needs would
 * overwrite them; {@link TrainableNetwork#inputGradient}), so the penalty comes first within a D update. It adds to
 * the pending gradients and leaves batch norm's running statistics where they were. Afterwards D's last forward pass
 * is one of the penalty's own: run a fresh forward before D's next backward. D's training-mode forward pass must be
 * deterministic and leave D as it was (no dropout; spectral normalisation's power iteration held during the
 * penalty's passes), or the two perturbed passes would see different networks.
 */
public interface GradientPenalty {

    /**
     * Adds {@code gain * dP/dtheta} to D's pending gradients.
     *
     * @param real a batch of real images (R1's points; one end of WGAN-GP's interpolation)
     * @param fake a batch of generated images of the same shape (WGAN-GP's other end; R1 ignores it), detached from
     *             G: the penalty trains D only
     * @param gain the factor on the penalty's gradient: the phase interval for lazy regularisation, else 1
     * @return the penalty P itself (without gain) and the mean input-gradient norm
     */
    PenaltyValue accumulate(TrainableNetwork d, INDArray real, INDArray fake, double gain);
}
