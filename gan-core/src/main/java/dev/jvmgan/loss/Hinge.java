package dev.jvmgan.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Optional;

/**
 * The hinge loss of geometric GAN (Lim and Ye 2017), as SN-GAN, BigGAN and StyleGAN-XL use it ({@code hinge}):
 * <pre>
 *   L_D = E[ relu(1 - D(x)) ] + E[ relu(1 + D(G(z))) ]
 *   L_G = -E[ D(G(z)) ]
 *   dL_D/dD(x) = -1/n where D(x) &lt; 1, else 0;   dL_D/dD(G(z)) = 1/n where D(G(z)) &gt; -1, else 0;   dL_G/dD = -1/n
 * </pre>
 * At the kink itself (D(x) = 1 or D(G(z)) = -1) the gradient taken is 0, as {@code relu}'s derivative at 0 is in
 * PyTorch. D learns only from samples inside the margin; G's loss is linear and never saturates. There is no label
 * and so no label smoothing: the margin 1 plays that part.
 *
 * <p>Monitors: D(x) and D(G(z)) are mean raw outputs, margins rather than probabilities. D overpowers G when
 * D(x) &gt; 1 and D(G(z)) &lt; -1: on average both batches are beyond the margin, so D's loss (and gradient) is
 * mostly zero while G's gradient is still -1/n per sample; the alert then says D has nothing left to learn from
 * the batch, not that G's signal is gone.
 */
public final class Hinge implements GanLoss {

    @Override
    public String name() {
        return "hinge";
    }

    @Override
    public LossTerm discriminatorOnReal(INDArray realLogits) {
        double[] x = Outputs.values(realLogits);
        double[] grad = new double[x.length];
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            loss += Math.max(0, 1 - x[i]);
            grad[i] = x[i] < 1 ? -1 : 0;
        }
        return new LossTerm(loss / x.length, Outputs.meanGradient(grad, realLogits), Outputs.mean(x));
    }

    @Override
    public LossTerm discriminatorOnFake(INDArray fakeLogits) {
        double[] x = Outputs.values(fakeLogits);
        double[] grad = new double[x.length];
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            loss += Math.max(0, 1 + x[i]);
            grad[i] = x[i] > -1 ? 1 : 0;
        }
        return new LossTerm(loss / x.length, Outputs.meanGradient(grad, fakeLogits), Outputs.mean(x));
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
        return Optional.of(new OverpowerThresholds(1, -1));
    }
}
