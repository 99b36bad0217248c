package dev.jvmgan.monitor;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.MonitorConfig;
import dev.jvmgan.model.NetworkRole;
import dev.jvmgan.train.Inspection;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns one inspected iteration into a {@link CheckSnapshot}: per activation layer of D and G the never-positive and
 * saturated units (through the {@link DeadUnitTracker}'s window), per parameter array the gradient norm and update
 * ratio, and the signals between the networks (G's input gradient, D's input gradient and output saturation).
 *
 * <p>D's layers are seen on both of its batches (real and fake), G's on its one. Batch norm's running mean and
 * variance travel with the gradients but are moving averages, not learned, so they are left out.
 */
final class CheckCollector {
    private final MonitorConfig config;
    private final DeadUnitTracker tracker;

    /** @param tracker the dead-unit window, which this collector updates at every check */
    CheckCollector(MonitorConfig config, DeadUnitTracker tracker) {
        this.config = Objects.requireNonNull(config, "config");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
    }

    CheckSnapshot collect(TrainingSession session, IterationStats stats, Inspection inspection) {
        List<LayerUnits> units = new ArrayList<>();
        units.addAll(layerUnits(NetworkRole.DISCRIMINATOR, session.discriminator(),
                List.of(inspection.dInputsOnReal(), inspection.dInputsOnFake())));
        units.addAll(layerUnits(NetworkRole.GENERATOR, session.generator(), List.of(inspection.gInputs())));
        List<ParamGradient> gradients = new ArrayList<>();
        gradients.addAll(gradients(NetworkRole.DISCRIMINATOR, inspection.dGradients(), inspection.dParamsBefore(),
                inspection.dParamsAfter()));
        gradients.addAll(gradients(NetworkRole.GENERATOR, inspection.gGradients(), inspection.gParamsBefore(),
                inspection.gParamsAfter()));
        OptionalDouble tanhSaturated = LayerKinds.of(session.generator().model()).stream()
                .filter(LayerKinds.Kind::tanhOutput).findFirst()
                .map(k -> inspection.gInputs().get(k.layer()))
                .map(pre -> OptionalDouble.of(UnitStats.tanhSaturatedFraction(pre)))
                .orElse(OptionalDouble.empty());
        return new CheckSnapshot(stats.iteration(), stats.dReal(), stats.dFake(),
                GradientStats.meanPerSampleNorm(inspection.dLossDFake()),
                GradientStats.meanPerSampleNorm(inspection.dLossDReal()),
                GradientStats.saturatedSigmoidFraction(inspection.realLogits()),
                GradientStats.saturatedSigmoidFraction(inspection.fakeLogits()),
                tanhSaturated, units, gradients);
    }

    private List<LayerUnits> layerUnits(NetworkRole role, TrainableNetwork net, List<Map<String, INDArray>> batches) {
        List<LayerUnits> out = new ArrayList<>();
        for (LayerKinds.Kind kind : LayerKinds.of(net.model())) {
            if (kind.type() == null) {
                continue;
            }
            List<double[]> nonPositive = new ArrayList<>();
            List<double[]> saturated = new ArrayList<>();
            for (Map<String, INDArray> batch : batches) {
                INDArray pre = batch.get(kind.layer());
                if (pre != null) {
                    nonPositive.add(UnitStats.nonPositiveFraction(pre));
                    saturated.add(UnitStats.saturatedFraction(pre, kind.type()));
                }
            }
            if (nonPositive.isEmpty()) {
                continue;
            }
            INDArray slopes = kind.type() == ActivationType.PRELU ? net.parameterTable().get(kind.layer() + "/W")
                    : null;
            out.add(tracker.record(role, kind.layer(), kind.type(), nonPositive, saturated, slopes));
        }
        return out;
    }

    private List<ParamGradient> gradients(NetworkRole role, Map<String, INDArray> gradients,
                                          Map<String, INDArray> before, Map<String, INDArray> after) {
        List<ParamGradient> out = new ArrayList<>();
        gradients.forEach((key, gradient) -> {
            int slash = key.lastIndexOf('/');
            String param = key.substring(slash + 1);
            if (param.equals("mean") || param.equals("var") || param.equals("log10stdev")) {
                return;
            }
            out.add(GradientStats.of(role, key.substring(0, slash), param, gradient, before.get(key), after.get(key),
                    config.vanishingBelow(), config.explodingAbove()));
        });
        return out;
    }
}
