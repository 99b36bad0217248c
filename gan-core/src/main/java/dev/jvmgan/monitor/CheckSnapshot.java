package dev.jvmgan.monitor;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Everything one check found: what the alert rules judge, the records keep, the console line shows and the charts
 * draw. Built by {@link CheckCollector} from an inspected iteration, or read back from a {@code monitor} record.
 *
 * @param iteration            the generator update count at the check
 * @param dReal                D(x): mean sigmoid of D's logits on the real batch
 * @param dFake                D(G(z)): mean sigmoid of D's logits on the fake batch
 * @param gSignal              mean per-sample L2 norm of dLoss/dFake, the gradient G receives through D
 * @param dRealInputGradient   mean per-sample L2 norm of dLossD/dRealImages
 * @param dOutputSaturatedReal fraction of D's outputs on the real batch with sigmoid &gt; 0.99 or &lt; 0.01
 * @param dOutputSaturatedFake the same on the fake batch
 * @param gOutputTanhSaturated fraction of G's pre-tanh outputs with |x| &gt; 2; empty when G has no tanh output
 * @param units                one entry per activation layer of G and D
 * @param gradients            one entry per parameter array of G and D
 */
public record CheckSnapshot(long iteration, double dReal, double dFake, double gSignal, double dRealInputGradient,
                            double dOutputSaturatedReal, double dOutputSaturatedFake,
                            OptionalDouble gOutputTanhSaturated, List<LayerUnits> units,
                            List<ParamGradient> gradients) {
    public CheckSnapshot {
        Objects.requireNonNull(gOutputTanhSaturated, "gOutputTanhSaturated");
        units = units == null ? List.of() : List.copyOf(units);
        gradients = gradients == null ? List.of() : List.copyOf(gradients);
    }
}
