package dev.jvmgan.loss;

import dev.jvmgan.train.Labels;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Optional;

/**
 * The least-squares GAN loss of Mao et al. (2017) ({@code lsgan}), with their 0-1-1 coding (a = 0, b = c = 1) and
 * D's raw, linear output:
 * <pre>
 *   L_D = 1/2 E[ (D(x) - b)^2 ] + 1/2 E[ (D(G(z)) - a)^2 ]     a = 0, b = 1 (or 0.9 with one-sided smoothing)
 *   L_G = 1/2 E[ (D(G(z)) - c)^2 ]                              c = 1
 *   dL/dD = (D - target) / n
 * </pre>
 * Fakes that D classifies correctly but that lie far from the real data still get a gradient proportional to their
 * distance from c, unlike the sigmoid losses. One-sided label smoothing moves D's real target b only, as in
 * {@link NonSaturating}; G's target c stays 1.
 *
 * <p>Monitors: D(x) and D(G(z)) are mean raw outputs, D's regression toward the targets b and a; not probabilities,
 * and outside [0, 1] when D overshoots. D overpowers G when D(x) &gt; 0.95 b and D(G(z)) &lt; 0.05, i.e. D sits
 * within 5% of its targets: then D's loss is near 0, and G's gradient (D(G(z)) - 1)/n is large but points wherever
 * D's nearly flat fit on the fakes points.
 */
public final class LeastSquares implements GanLoss {
    private final double realLabel;

    /** The 0-1-1 coding without smoothing. */
    public LeastSquares() {
        this(Labels.REAL);
    }

    /** @param realLabel D's target b for real images, in (0, 1] */
    public LeastSquares(double realLabel) {
        this.realLabel = Outputs.requireRealLabel(realLabel);
    }

    @Override
    public String name() {
        return "lsgan";
    }

    @Override
    public LossTerm discriminatorOnReal(INDArray realLogits) {
        return halfSquared(realLogits, realLabel);
    }

    @Override
    public LossTerm discriminatorOnFake(INDArray fakeLogits) {
        return halfSquared(fakeLogits, Labels.FAKE);
    }

    @Override
    public LossTerm generator(INDArray fakeLogits) {
        return halfSquared(fakeLogits, Labels.REAL);
    }

    private static LossTerm halfSquared(INDArray outputs, double target) {
        double[] x = Outputs.values(outputs);
        double[] grad = new double[x.length];
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double residual = x[i] - target;
            loss += 0.5 * residual * residual;
            grad[i] = residual;
        }
        return new LossTerm(loss / x.length, Outputs.meanGradient(grad, outputs), Outputs.mean(x));
    }

    @Override
    public OutputScale outputScale() {
        return OutputScale.RAW;
    }

    @Override
    public Optional<OverpowerThresholds> overpowering() {
        return Optional.of(new OverpowerThresholds(0.95 * realLabel, 0.05));
    }

    public double realLabel() {
        return realLabel;
    }
}
