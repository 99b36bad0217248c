package dev.jvmgan.train;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.loss.GanLoss;
import dev.jvmgan.loss.LossTerm;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * D's loss, the term of {@code Dmain} (and of {@code Dboth}, after the penalty):
 * <pre>
 *   L_D = loss.discriminatorOnReal(D(T(x))) + loss.discriminatorOnFake(D(T(G(z))))     G(z) detached: G does not learn
 *   conditional: D(T(x), y_real) and D(T(G(z, y_fake)), y_fake); the loss sees the classes too (ACGAN's class term)
 * </pre>
 * Real and fake go through D as two passes with their gradients summed: one pass on their concatenation would let
 * batch norm in D tell them apart by batch statistics, and the GAN would never learn.
 */
public record DiscriminatorLoss(GanLoss loss) implements GradientTerm {

    @Override
    public void accumulate(Step step, IterationResults results) {
        TrainableNetwork d = step.d();
        INDArray realLogits = d.forward(step.realSeen().images(), step.realClasses());
        LossTerm onReal = loss.discriminatorOnReal(realLogits, step.realClasses());
        Divergence.requireFinite(onReal.loss(), "D loss on real images", step);
        realLogits = loss.adversarial(realLogits).dup();
        INDArray dLossDReal = null;
        if (results.inspected()) {
            dLossDReal = d.backward(onReal.dLogits());
        } else {
            d.backwardParameters(onReal.dLogits()); // dL_D/dT(x) is for the monitors only: D may skip it
        }
        INDArray fakeLogits = d.forward(step.fakeSeen().images(), step.fakeClasses());
        LossTerm onFake = loss.discriminatorOnFake(fakeLogits, step.fakeClasses());
        Divergence.requireFinite(onFake.loss(), "D loss on generated images", step);
        fakeLogits = loss.adversarial(fakeLogits).dup();
        // dL_D/dT(G(z)) is not needed (G does not learn from D's loss): D may skip it.
        d.backwardParameters(onFake.dLogits());
        results.discriminator(onReal, onFake, realLogits, fakeLogits, dLossDReal);
    }
}
