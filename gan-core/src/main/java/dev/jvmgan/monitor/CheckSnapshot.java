package dev.jvmgan.monitor;

import java.util.List;

/**
 * What an alert rule can see at one check.
 *
 * @param iteration  the generator update count at the check
 * @param dReal      D(x): mean sigmoid of D's logits on the real batch
 * @param dFake      D(G(z)): mean sigmoid of D's logits on the fake batch
 * @param gSignal    mean per-sample L2 norm of dLoss/dFake, the gradient G receives through D
 * @param units      one entry per activation layer of G and D
 * @param gradients  one entry per parameter array of G and D
 */
public record CheckSnapshot(long iteration, double dReal, double dFake, double gSignal, List<LayerUnits> units,
                            List<ParamGradient> gradients) {
    public CheckSnapshot {
        units = units == null ? List.of() : List.copyOf(units);
        gradients = gradients == null ? List.of() : List.copyOf(gradients);
    }
}
