package dev.jvmgan.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.Defaults;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.MonitorConfig;
import dev.jvmgan.config.NetworkConfig;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.model.NetworkRole;
import dev.jvmgan.train.Inspection;
import dev.jvmgan.train.IterationStats;
import dev.jvmgan.train.TrainingSession;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An inspection made by hand for two tiny DCGAN networks (ReLU in both): which layers and parameters the collector
 * reports, how D's two batches combine, and the signals, each with figures small enough to check by hand.
 */
class CheckCollectorTest {

    @Test
    void collectsLayersParametersAndSignalsFromAnInspection() {
        ImageShape shape = new ImageShape(1, 8);
        NetworkConfig net = new NetworkConfig("dcgan", List.of(8, 4), ActivationConfig.relu(), true, 0.02);
        ModelConfig model = new ModelConfig(4, net, new NetworkConfig("dcgan", List.of(4, 8), ActivationConfig.relu(),
                true, 0.02));
        TrainingSession session = new TrainingSession(Defaults.run("collect"), Path.of("unused"), shape,
                TrainableNetworks.of(NetworkFactory.create(NetworkRole.GENERATOR, model, OptimizerConfig.dcganAdam(),
                        shape, 1, DataType.FLOAT)),
                TrainableNetworks.of(NetworkFactory.create(NetworkRole.DISCRIMINATOR, model,
                        OptimizerConfig.dcganAdam(), shape, 2, DataType.FLOAT)));
        // D act1, 3 units: unit 0 is <= 0 on every input of both batches; unit 1 is positive once on the real
        // batch, unit 2 once on the fake one. D act2 is seen on the real batch only; G act2 not at all.
        Map<String, INDArray> dReal = Map.of("act1", rows(new double[] {-1, 1, -1}, new double[] {-1, -1, -1}),
                "act2", rows(new double[] {1, 1}, new double[] {1, 1}));
        Map<String, INDArray> dFake = Map.of("act1", rows(new double[] {-1, -1, 2}, new double[] {0, -1, -1}));
        // G's pre-tanh output: 2 of 4 entries beyond |x| = 2.
        Map<String, INDArray> gInputs = Map.of("act1", rows(new double[] {-1, -1}), "out",
                rows(new double[] {3, -3, 0.5, 1}));
        Map<String, INDArray> dGradients = new LinkedHashMap<>();
        dGradients.put("conv1/W", rows(new double[] {3, 4}));
        dGradients.put("bn2/mean", rows(new double[] {1, 1}));
        dGradients.put("bn2/var", rows(new double[] {1, 1}));
        dGradients.put("bn2/log10stdev", rows(new double[] {1, 1}));
        Map<String, INDArray> gGradients = Map.of("fc1/b", rows(new double[] {0, 0}));
        Map<String, INDArray> params = Map.of("conv1/W", rows(new double[] {1, 0}), "fc1/b", rows(new double[] {0, 0}),
                "bn2/mean", rows(new double[] {0, 0}), "bn2/var", rows(new double[] {1, 1}),
                "bn2/log10stdev", rows(new double[] {0, 0}));
        Inspection inspection = new Inspection(7, dReal, dFake, gInputs, dGradients, params, params, gGradients,
                params, params,
                rows(new double[] {6, 8}, new double[] {0, 0}),     // dLossD/dReal: per-sample norms 10 and 0
                rows(new double[] {3, 4}, new double[] {0, 1}),     // dLossG/dFake: 5 and 1
                rows(new double[] {10}, new double[] {0}),          // logit 10: sigmoid > 0.99
                rows(new double[] {-0.1}, new double[] {-20}));     // logit -20: sigmoid < 0.01
        MonitorConfig config = Defaults.monitors();

        CheckSnapshot check = new CheckCollector(config, new DeadUnitTracker(1)).collect(session,
                new IterationStats(7, 28, 1.3, 0.7, 0.62, 0.41, 0.01), inspection);

        assertThat(check.iteration()).isEqualTo(7);
        assertThat(check.dReal()).isEqualTo(0.62);
        assertThat(check.dFake()).isEqualTo(0.41);
        assertThat(check.gSignal()).isEqualTo(3.0);
        assertThat(check.dRealInputGradient()).isEqualTo(5.0);
        assertThat(check.dOutputSaturatedReal()).isEqualTo(0.5);
        assertThat(check.dOutputSaturatedFake()).isEqualTo(0.5);
        assertThat(check.gOutputTanhSaturated()).hasValue(0.5);
        assertThat(check.units()).extracting(u -> u.id() + " " + u.neverPositive() + "/" + u.units())
                .containsExactly("D act1 1/3", "D act2 0/2", "G act1 2/2");
        // A window of 1 check: never positive now is dead for the window.
        assertThat(check.units().get(0).deadForWindow()).isEqualTo(1);
        // Batch norm's running statistics are not learned, so they are left out.
        assertThat(check.gradients()).extracting(ParamGradient::id).containsExactly("D conv1/W", "G fc1/b");
        assertThat(check.gradients().get(0).gradientNorm()).isEqualTo(5.0);
    }

    private static INDArray rows(double[]... rows) {
        return Nd4j.createFromArray(rows).castTo(DataType.FLOAT);
    }
}
