package dev.jvmgan.monitor;

import dev.jvmgan.config.ActivationType;
import dev.jvmgan.model.NetworkRole;
import java.util.List;
import java.util.OptionalDouble;

/** Checks and layers for tests that script the monitors' input. */
final class Checks {
    private Checks() {
    }

    /** A check with the figures the rules and charts read; D's input gradient and output saturation are 0. */
    static CheckSnapshot check(long iteration, double dReal, double dFake, double gSignal, List<LayerUnits> units,
                               List<ParamGradient> gradients) {
        return new CheckSnapshot(iteration, dReal, dFake, gSignal, 0, 0, 0, OptionalDouble.empty(), units, gradients);
    }

    /** {@code neverPositive} of {@code units} never positive; as many inputs &lt;= 0 per unit on average. */
    static LayerUnits layer(NetworkRole network, String name, ActivationType type, int neverPositive, int units) {
        return new LayerUnits(network, name, type, units, neverPositive, (double) neverPositive / units, 0,
                (double) neverPositive / units, 0, null);
    }
}
