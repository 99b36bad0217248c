package dev.jvmgan.loss;

import dev.jvmgan.train.Labels;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Optional;

/**
 * Goodfellow et al.'s (2014) original, saturating minimax loss ({@code minimax}):
 * <pre>
 *   L_D = E[ BCE(D(x), r) ] + E[ BCE(D(G(z)), 0) ]         as {@link NonSaturating}; r = 1, or 0.9 when smoothed
 *   L_G = -E[ BCE(D(G(z)), 0) ] = E[ log(1 - sigmoid(D(G(z)))) ] = -E[ softplus(D(G(z))) ]
 *   dL_G/dl = -sigmoid(l) / n
 * </pre>
 * G minimises exactly the term D maximises, the two-player game of the paper. It saturates: when D rejects a fake
 * with confidence (l tends to -infinity) G's gradient sigmoid(l) vanishes, which is why {@code ns} is the default;
 * this loss is here for comparison and teaching. One-sided label smoothing applies to D's real term only, as in
 * {@link NonSaturating}.
 *
 * <p>Monitors: D(x) and D(G(z)) are mean sigmoids. Overpowering (D(x) &gt; 0.95 r, D(G(z)) &lt; 0.05) is more
 * serious here than for {@code ns}: at D(G(z)) = 0.05 G's per-sample gradient is 0.05 instead of 0.95, and the
 * {@code g-gradient-vanishing} alert soon follows.
 */
public final class Minimax implements GanLoss {
    private final double realLabel;

    /** Without label smoothing: real target 1. */
    public Minimax() {
        this(Labels.REAL);
    }

    /** @param realLabel D's target for real images, in (0, 1] */
    public Minimax(double realLabel) {
        this.realLabel = Outputs.requireRealLabel(realLabel);
    }

    @Override
    public String name() {
        return "minimax";
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
        double[] x = Outputs.values(fakeLogits);
        double[] grad = new double[x.length];
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            loss -= Outputs.softplus(x[i]);
            grad[i] = -Outputs.sigmoid(x[i]);
        }
        return new LossTerm(loss / x.length, Outputs.meanGradient(grad, fakeLogits), Outputs.meanSigmoid(x));
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
