package dev.jvmgan.train;

import dev.jvmgan.augment.Transformed;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.loss.GanLoss;
import dev.jvmgan.loss.LossTerm;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * G's loss, the term of {@code Gmain}, through D, which does not learn from it, and through D's input transform:
 * <pre>
 *   L_G = loss.generator(D(T(G(z))))                  conditional: loss.generator(D(T(G(z, y)), y))
 *   dL_G/dG(z) = T^T( dL_G/dT(G(z)) ),   dL_G/dT(G(z)) = D's input gradient, D's parameters and pending gradients untouched
 * </pre>
 * G(z) is the step's own batch, whose forward pass is still open in G, so G backpropagates without another forward
 * pass; D is as the step's D phases left it.
 */
public record GeneratorLoss(GanLoss loss) implements GradientTerm {

    @Override
    public void accumulate(Step step, IterationResults results) {
        TrainableNetwork d = step.d();
        Transformed seen = step.fakeSeen();
        LossTerm forG = loss.generator(d.forward(seen.images(), step.fakeClasses()), step.fakeClasses());
        Divergence.requireFinite(forG.loss(), "G loss", step);
        INDArray dLossDFake = seen.backward(d.inputGradient(forG.dLogits()));
        step.g().backwardParameters(dLossDFake); // dL_G/dz: nothing learns from it
        results.generator(forG, dLossDFake);
    }
}
