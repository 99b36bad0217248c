package dev.jvmgan.penalty;

import dev.jvmgan.backend.TrainableNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Optional;

/**
 * The R1 penalty (Mescheder et al. 2018), D's input gradient on real data pushed to zero:
 * <pre>
 *   R1 = (gamma / 2) E_x[ ||grad_x D(x)||^2 ]   over the real batch,   (1/B) sum_b (gamma / 2) ||g_b||^2
 *   grad_theta R1 = H_theta,X V,   V_b = gamma g_b / B       ({@link MixedHessianVector})
 * </pre>
 * as StyleGAN2-ADA's {@code loss_Dr1 = r1_grads.square().sum([1,2,3]) * (r1_gamma / 2)}, averaged over the batch.
 * gamma: StyleGAN2 uses 10 at 1024x1024, and 0.0002 to 1 on small images (its heuristic 0.0002 res^2 / batch);
 * lazily every 16 D steps with gain 16 (see {@link GradientPenalty}). StyleGAN2 then also scales D's Adam by
 * c = 16 / 17 (learning rate times c, each beta to the power c), since the optimiser takes 17 steps where it took 16.
 */
public final class R1Penalty implements GradientPenalty {
    private final double gamma;
    private final Optional<FiniteDifferenceStep> step;

    /** With the step chosen for the input's data type ({@link FiniteDifferenceStep#forType}). */
    public R1Penalty(double gamma) {
        this(gamma, Optional.empty());
    }

    public R1Penalty(double gamma, Optional<FiniteDifferenceStep> step) {
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("R1 gamma must be finite and > 0, got " + gamma);
        }
        this.gamma = gamma;
        this.step = step;
    }

    @Override
    public PenaltyValue accumulate(TrainableNetwork d, INDArray real, INDArray fake, double gain) {
        InputGradients g = InputGradients.of(d, real);
        double[] factor = new double[g.batch()];
        double penalty = 0;
        for (int b = 0; b < factor.length; b++) {
            penalty += gamma / 2 * g.norms()[b] * g.norms()[b];
            factor[b] = gamma / factor.length;
        }
        MixedHessianVector.accumulate(d, real, g.scaledRows(factor), gain,
                step.orElseGet(() -> FiniteDifferenceStep.forType(real.dataType())));
        return new PenaltyValue(penalty / factor.length, g.meanNorm());
    }

    public double gamma() {
        return gamma;
    }
}
