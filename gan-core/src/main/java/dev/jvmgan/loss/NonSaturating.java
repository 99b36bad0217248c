package dev.jvmgan.loss;

import dev.jvmgan.train.Labels;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Optional;

/**
 * The standard GAN loss with Goodfellow et al.'s (2014) non-saturating generator loss ({@code ns}, the default):
 * <pre>
 *   L_D = E[ BCE(D(x), r) ] + E[ BCE(D(G(z)), 0) ]       r = 1, or 0.9 with one-sided label smoothing
 *   L_G = E[ BCE(D(G(z)), 1) ] = E[ softplus(-D(G(z))) ]  = -E[ log sigmoid(D(G(z))) ]
 *   BCE(x, y) = softplus(x) - x y,   dBCE/dx = sigmoid(x) - y,   softplus(x) = log(1 + e^x)
 * </pre>
 * G maximises log D(G(z)) instead of minimising log(1 - D(G(z))): the same fixed point, but strong gradients early
 * on, when D rejects fakes with confidence (dL_G/dl = sigmoid(l) - 1 tends to -1, not 0, as l tends to -infinity).
 *
 * <p>One-sided label smoothing (Salimans et al. 2016): D's target for real images is {@code realLabel} (e.g. 0.9)
 * instead of 1, which keeps D from growing overconfident on reals; fakes keep 0 (smoothing them would reward D
 * for leaving the fakes' region alone) and G's target stays 1. The same math as {@link dev.jvmgan.train.BceWithLogits}.
 *
 * <p>Monitors: D(x) and D(G(z)) are mean sigmoids, D's probability that the batch is real. D overpowers G when
 * D(x) &gt; 0.95 r and D(G(z)) &lt; 0.05: D's loss is then near its floor and G's gradient comes from the
 * saturated tail of the sigmoid.
 */
public final class NonSaturating implements GanLoss {
    private final double realLabel;

    /** Without label smoothing: real target 1. */
    public NonSaturating() {
        this(Labels.REAL);
    }

    /** @param realLabel D's target for real images, in (0, 1]: 1 is no smoothing, 0.9 the usual smoothing */
    public NonSaturating(double realLabel) {
        this.realLabel = Outputs.requireRealLabel(realLabel);
    }

    @Override
    public String name() {
        return "ns";
    }

    @Override
    public LossTerm discriminatorOnReal(INDArray realLogits) {
        return Outputs.bce(realLogits, realLabel);
    }

    @Override
    public LossTerm discriminatorOnFake(INDArray fakeLogits) {
        return Outputs.bce(fakeLogits, Labels.FAKE);
    }

    @Override
    public LossTerm generator(INDArray fakeLogits) {
        return Outputs.bce(fakeLogits, Labels.REAL);
    }

    @Override
    public OutputScale outputScale() {
        return OutputScale.PROBABILITY;
    }

    @Override
    public Optional<OverpowerThresholds> overpowering() {
        return Optional.of(new OverpowerThresholds(0.95 * realLabel, 0.05));
    }

    public double realLabel() {
        return realLabel;
    }
}
