package dev.jvmgan.monitor;

import dev.jvmgan.config.LossConfig;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Everything one check found: what the alert rules judge, the records keep, the console line shows and the charts
 * draw. Built by {@link CheckCollector} from an inspected iteration, or read back from a {@code monitor} record.
 *
 * @param iteration            the generator update count at the check
 * @param dReal                D(x): the loss's mean D output on the real batch (the loss's {@code meanOutput}): a
 *                             probability, a raw output or a critic score, as {@code dOutputs} says
 * @param dFake                D(G(z)): the same on the fake batch
 * @param gSignal              mean per-sample L2 norm of dLoss/dFake, the gradient G receives through D
 * @param dRealInputGradient   mean per-sample L2 norm of dLossD/dRealImages
 * @param dOutputSaturatedReal fraction of D's outputs on the real batch with sigmoid &gt; 0.99 or &lt; 0.01; NaN
 *                             for a loss without a sigmoid ({@code dOutputs} not probability)
 * @param dOutputSaturatedFake the same on the fake batch
 * @param gOutputTanhSaturated fraction of G's pre-tanh outputs with |x| &gt; 2; empty when G has no tanh output
 * @param units                one entry per activation layer of G and D
 * @param gradients            one entry per parameter array of G and D
 * @param dOutputs             what dReal and dFake are, by the run's loss ({@link DOutputs})
 */
public record CheckSnapshot(long iteration, double dReal, double dFake, double gSignal, double dRealInputGradient,
                            double dOutputSaturatedReal, double dOutputSaturatedFake,
                            OptionalDouble gOutputTanhSaturated, List<LayerUnits> units,
                            List<ParamGradient> gradients, LossConfig.Outputs dOutputs) {
    public CheckSnapshot {
        Objects.requireNonNull(gOutputTanhSaturated, "gOutputTanhSaturated");
        units = units == null ? List.of() : List.copyOf(units);
        gradients = gradients == null ? List.of() : List.copyOf(gradients);
        Objects.requireNonNull(dOutputs, "dOutputs");
    }

    /** A check of a loss whose D outputs are probabilities ({@code ns}, {@code minimax}). */
    public CheckSnapshot(long iteration, double dReal, double dFake, double gSignal, double dRealInputGradient,
                         double dOutputSaturatedReal, double dOutputSaturatedFake,
                         OptionalDouble gOutputTanhSaturated, List<LayerUnits> units, List<ParamGradient> gradients) {
        this(iteration, dReal, dFake, gSignal, dRealInputGradient, dOutputSaturatedReal, dOutputSaturatedFake,
                gOutputTanhSaturated, units, gradients, LossConfig.Outputs.PROBABILITY);
    }
}
