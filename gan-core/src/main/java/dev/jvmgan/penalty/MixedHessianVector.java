package dev.jvmgan.penalty;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.batchnorm.RunningStatistics;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The parameter gradient of a penalty on D's input gradient, without differentiating a gradient (DL4J M2.1's conv,
 * batch-norm and Leaky ReLU backward ops have no second derivative, SameDiff included): two ordinary backward passes
 * at perturbed inputs.
 *
 * <p><b>Derivation.</b> Let X be the batch [B, ...], theta D's parameters, S(theta, X) = sum_b D(X)_b the sum of D's
 * outputs, and g = grad_X S, of X's shape (row g_b is grad D(x_b) when samples do not interact). A penalty
 * <pre>
 *   P(theta) = (1/B) sum_b phi(g_b)
 * </pre>
 * has, by the chain rule through g,
 * <pre>
 *   grad_theta P = (d g / d theta)^T V = H_theta,X V,   V_b = grad phi(g_b) / B     (V has X's shape)
 * </pre>
 * where H_theta,X = d^2 S / (d theta d X) is the mixed Hessian: (dg/dtheta)^T V = grad_theta &lt;grad_X S, V&gt;, which
 * is the derivative of grad_theta S along V in X (mixed partials commute where S is twice differentiable). So
 * <pre>
 *   H_theta,X V = d/de grad_theta S(theta, X + e V) |_(e=0)
 *              = s [ grad_theta S(theta, X + h U) - grad_theta S(theta, X - h U) ] / (2h) + O(h^2),   U = V / s
 * </pre>
 * with s = rms(V), so the step h U has an RMS of h per element, and h from {@link FiniteDifferenceStep} relative to
 * rms(X). Each grad_theta S is one training-mode forward pass and one backward pass with dLoss/dOutput = 1; the
 * backward pass is linear in dLoss/dOutput, so passing {@code +gain s / (2h)} and {@code -gain s / (2h)} makes the
 * network's own accumulation form {@code gain * H V}: nothing is subtracted outside the seam.
 *
 * <p>The two penalties (per sample, then averaged):
 * <pre>
 *   R1:      phi(g) = (gamma / 2) ||g||^2        V_b = gamma g_b / B
 *   WGAN-GP: phi(g) = lambda (||g|| - 1)^2       V_b = (2 lambda / B) (||g_b|| - 1) / ||g_b|| g_b   (0 where g_b = 0)
 * </pre>
 * i.e. each sample's direction is its own input gradient, scaled by the derivative of its own term.
 *
 * <p><b>Batch norm.</b> In training mode D's outputs depend on the whole batch, S is a function of the batch, and g is
 * its gradient, as PyTorch's {@code autograd.grad(D(X).sum(), X)} gives it. The derivation never assumed that samples
 * are separate, so one batch-wide step X +- hU is the exact directional derivative of that batch function (B
 * per-sample steps would be a different, wrong, derivative, at 2B passes). DL4J updates the running statistics
 * through their gradient entries, which every backward pass writes whatever dLoss/dOutput is, so after each perturbed
 * pass those entries are cleared ({@link RunningStatistics#zeroIn}) in the gradient view the pass wrote; pending
 * passes from before keep theirs, and the running statistics move only as D's own loss passes move them.
 */
public final class MixedHessianVector {
    private MixedHessianVector() {
    }

    /**
     * Adds {@code gain * H_theta,X V} to D's pending gradients by two perturbed forward and backward passes.
     *
     * @param at        X, D's input batch
     * @param direction V, of X's shape (all zeros: nothing to add, no pass is run)
     * @param step      h relative to rms(X)
     */
    public static void accumulate(TrainableNetwork d, INDArray at, INDArray direction, double gain,
                                  FiniteDifferenceStep step) {
        if (!Arrays.equals(at.shape(), direction.shape())) {
            throw new IllegalArgumentException("direction of shape " + Arrays.toString(direction.shape())
                    + " for an input of shape " + Arrays.toString(at.shape()));
        }
        double directionRms = rms(direction);
        if (directionRms == 0 || gain == 0) {
            return;
        }
        double h = step.step(rms(at));
        INDArray stepVector = direction.mul(h / directionRms).castTo(at.dataType());
        RunningStatistics runningStatistics = RunningStatistics.of(d.model());
        double weight = gain * directionRms / (2 * h);
        pass(d, at.add(stepVector), weight, runningStatistics);
        pass(d, at.sub(stepVector), -weight, runningStatistics);
    }

    private static void pass(TrainableNetwork d, INDArray input, double weight, RunningStatistics runningStatistics) {
        INDArray output = d.forward(input);
        d.backward(AdversarialColumn.ones(output).muli(weight));
        runningStatistics.zeroIn(d.model().getGradientsViewArray());
    }

    /** sqrt(mean of squares), in double. */
    static double rms(INDArray a) {
        return a.norm2Number().doubleValue() / Math.sqrt(a.length());
    }
}
