package dev.jvmgan.penalty;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.random.RandomStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Optional;

/**
 * WGAN-GP's gradient penalty (Gulrajani et al. 2017): the critic's input gradient pushed to norm 1 between the real
 * and generated distributions, a soft 1-Lipschitz constraint for the {@code wgan} loss:
 * <pre>
 *   x_hat_b = t_b x_b + (1 - t_b) G(z)_b,   t_b ~ U[0, 1) per sample
 *   GP = lambda E[ (||grad D(x_hat)|| - 1)^2 ] = (1/B) sum_b lambda (||g_b|| - 1)^2
 *   grad_theta GP = H_theta,X V,   V_b = (2 lambda / B) (||g_b|| - 1) / ||g_b|| g_b   ({@link MixedHessianVector})
 * </pre>
 * lambda = 10 in the paper, every critic step (gain 1). The t_b come from a seeded stream of the penalty's own,
 * resumable through {@link #state()}. The paper's critic has no batch norm (the penalty is per sample and batch norm
 * couples them; it suggests layer norm); with batch norm this still computes the gradient of the penalty as defined
 * on the batch function, as PyTorch would.
 */
public final class WganGpPenalty implements GradientPenalty {
    private final double lambda;
    private final Optional<FiniteDifferenceStep> step;
    private final RandomStream random;

    /** lambda with the step chosen for the input's data type. */
    public WganGpPenalty(double lambda, long seed) {
        this(lambda, seed, Optional.empty());
    }

    public WganGpPenalty(double lambda, long seed, Optional<FiniteDifferenceStep> step) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("WGAN-GP lambda must be finite and > 0, got " + lambda);
        }
        this.lambda = lambda;
        this.step = step;
        this.random = new RandomStream(seed);
    }

    @Override
    public PenaltyValue accumulate(TrainableNetwork d, INDArray real, INDArray fake, double gain) {
        if (!Arrays.equals(real.shape(), fake.shape())) {
            throw new IllegalArgumentException("WGAN-GP interpolates real and fake batches of one shape, got "
                    + Arrays.toString(real.shape()) + " and " + Arrays.toString(fake.shape()));
        }
        double[] t = new double[(int) real.size(0)];
        for (int b = 0; b < t.length; b++) {
            t[b] = random.nextDouble();
        }
        return accumulateAt(d, interpolate(real, fake, t), gain);
    }

    /** x_hat_b = t_b x_b + (1 - t_b) fake_b. */
    static INDArray interpolate(INDArray real, INDArray fake, double[] t) {
        long[] perSample = real.shape().clone();
        Arrays.fill(perSample, 1, perSample.length, 1);
        INDArray weights = Nd4j.create(t, new long[]{t.length}).castTo(real.dataType()).reshape(perSample);
        INDArray delta = real.sub(fake);
        return fake.add(delta.mul(weights.broadcast(real.shape())));
    }

    /** The penalty at given points x_hat. */
    PenaltyValue accumulateAt(TrainableNetwork d, INDArray interpolates, double gain) {
        InputGradients g = InputGradients.of(d, interpolates);
        int batch = g.batch();
        double[] factor = new double[batch];
        double penalty = 0;
        for (int b = 0; b < batch; b++) {
            double norm = g.norms()[b];
            penalty += lambda * (norm - 1) * (norm - 1);
            factor[b] = norm > 0 ? 2 * lambda / batch * (norm - 1) / norm : 0;
        }
        MixedHessianVector.accumulate(d, interpolates, g.scaledRows(factor), gain,
                step.orElseGet(() -> FiniteDifferenceStep.forType(interpolates.dataType())));
        return new PenaltyValue(penalty / batch, g.meanNorm());
    }

    /** Where the interpolation weights' stream stands, for checkpoints. */
    public long state() {
        return random.state();
    }

    /** Continues the interpolation weights' stream from a saved {@link #state()}. */
    public void restore(long state) {
        random.restore(state);
    }

    public double lambda() {
        return lambda;
    }
}
