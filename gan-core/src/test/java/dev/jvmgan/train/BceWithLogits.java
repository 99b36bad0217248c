package dev.jvmgan.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Binary cross-entropy on logits, averaged over the batch, with its gradient: the whole loss of the standard
 * (non-saturating) GAN. The loss the loop used before losses were configurable ({@code dev.jvmgan.loss} has them
 * now), kept in the tests as the frozen reference of {@link LegacyLoop} and of the seam tests.
 *
 * <pre>
 *   BCE(x, y)   = -y log sigmoid(x) - (1 - y) log(1 - sigmoid(x))
 *               = softplus(x) - x*y                    since -log sigmoid(x) = softplus(-x) = softplus(x) - x
 *   dBCE/dx     = sigmoid(x) - y
 *   softplus(x) = max(x, 0) + log1p(exp(-|x|))         stable for any x: no overflow, no log(0)
 * </pre>
 * The discriminator minimises BCE(D(x), REAL) + BCE(D(G(z)), FAKE); the generator minimises BCE(D(G(z)), REAL)
 * (Goodfellow et al.'s non-saturating loss: strong gradients early, when D rejects fakes with confidence).
 * Computed in double on the host: a batch of logits is a few hundred numbers.
 */
public final class BceWithLogits {
    private BceWithLogits() {
    }

    /** Mean loss over the batch, dLoss/dLogits (same shape and type as the logits), and mean sigmoid. */
    public record Result(double loss, INDArray dLogits, double meanProbability) {
    }

    public static Result of(INDArray logits, double label) {
        double[] x = logits.dup().data().asDouble();
        int n = x.length;
        double[] grad = new double[n];
        double loss = 0;
        double probabilitySum = 0;
        for (int i = 0; i < n; i++) {
            double p = sigmoid(x[i]);
            loss += softplus(x[i]) - x[i] * label;
            grad[i] = (p - label) / n;
            probabilitySum += p;
        }
        INDArray dLogits = Nd4j.create(grad, logits.shape(), logits.ordering()).castTo(logits.dataType());
        return new Result(loss / n, dLogits, probabilitySum / n);
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
