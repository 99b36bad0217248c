package dev.jvmgan.train;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.model.NetworkRole;

/** The loop's NaN checks: a non-finite loss or gradient stops training at once, naming where it started. */
final class Divergence {
    private Divergence() {
    }

    /** Throws unless {@code loss} is finite, naming the first non-finite parameter or activation of G, then D. */
    static void requireFinite(double loss, String what, Step step) {
        if (Double.isFinite(loss)) {
            return;
        }
        String where = step.g().firstNonFinite().map(w -> "first non-finite value: G " + w)
                .or(() -> step.d().firstNonFinite().map(w -> "first non-finite value: D " + w))
                .orElse("every parameter and activation is finite: the loss itself overflowed");
        throw new TrainingDivergedException(String.format(
                "iteration %d: %s is %s; %s. Stopped; the last checkpoint on disk is good.",
                step.iteration(), what, loss, where));
    }

    /** Throws unless the pending gradients of {@code net} are finite (one reduction), before they are applied. */
    static void requireFiniteGradients(TrainableNetwork net, NetworkRole role, long iteration) {
        if (net.gradientsFinite()) {
            return;
        }
        String where = net.firstNonFinite().orElse("gradient");
        throw new TrainingDivergedException(String.format(
                "iteration %d: %s %s holds NaN or infinity; stopped before applying it (the last checkpoint "
                        + "on disk is good). Lower %s.lr or check the data.",
                iteration, role.shortName(), where, role.optimizerKey()));
    }
}
