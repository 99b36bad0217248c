package dev.jvmgan.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvmgan.backend.ImageGeneratorNetwork;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.Defaults;
import dev.jvmgan.config.MonitorConfig;
import dev.jvmgan.config.OutputConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.data.BatchSource;
import dev.jvmgan.data.TrainingData;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.model.NetworkRole;
import dev.jvmgan.monitor.CheckSnapshot;
import dev.jvmgan.monitor.LayerUnits;
import dev.jvmgan.monitor.MonitorListener;
import dev.jvmgan.monitor.ParamGradient;
import dev.jvmgan.train.GanTrainer;
import dev.jvmgan.train.Latents;
import dev.jvmgan.train.TrainingSession;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A few iterations of the real loop with ComputationGraphs for both networks: monitors, checkpoint, sampling. */
class GraphNetworksTrainingTest {

    static NeuralNetConfiguration.Builder common(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(2e-4, 0.5, 0.999, 1e-8)).weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Same);
    }

    /** z[4] -> fc1 -> bn1 -> act1 (relu) -> fc2 -> out (tanh): [B, 64], reshaped to 1x8x8 by the seam. */
    static ComputationGraph generator() {
        ComputationGraph graph = new ComputationGraph(common(1).graphBuilder()
                .addInputs("z").setInputTypes(InputType.feedForward(4))
                .addLayer("fc1", new DenseLayer.Builder().nOut(16).activation(Activation.IDENTITY).build(), "z")
                .addLayer("bn1", new BatchNormalization.Builder().build(), "fc1")
                .addLayer("act1", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn1")
                .addLayer("fc2", new DenseLayer.Builder().nOut(64).activation(Activation.IDENTITY).build(), "act1")
                .addLayer("out", new ActivationLayer.Builder().activation(Activation.TANH).build(), "fc2")
                .setOutputs("out").build());
        graph.init();
        return graph;
    }

    /** x[1,8,8] -> conv1 -> act1 -> conv2 -> bn2 -> add(bn2, act1) -> act2 -> logit: a residual block. */
    static ComputationGraph residualDiscriminator() {
        ComputationGraph graph = new ComputationGraph(common(2).graphBuilder()
                .addInputs("x").setInputTypes(InputType.convolutional(8, 8, 1))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(),
                        "x")
                .addLayer("act1", new ActivationLayer.Builder().activation(new ActivationLReLU(0.2)).build(), "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(),
                        "act1")
                .addLayer("bn2", new BatchNormalization.Builder().build(), "conv2")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn2", "act1")
                .addLayer("act2", new ActivationLayer.Builder().activation(new ActivationLReLU(0.2)).build(), "add")
                .addLayer("logit", new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build(), "act2")
                .setOutputs("logit").build());
        graph.init();
        return graph;
    }

    @Test
    void trainsMonitorsCheckpointsAndSamplesGraphNetworks(@TempDir Path tmp) throws Exception {
        RunConfig config = TinyRuns.config(TinyRuns.idxImages(tmp, 16, 9), tmp.resolve("runs"), 4);
        ImageShape shape = new ImageShape(1, 8);
        TrainableNetwork g = new ImageGeneratorNetwork(TrainableNetworks.of(generator()), shape);
        TrainableNetwork d = TrainableNetworks.of(residualDiscriminator());
        INDArray dBefore = d.params().dup();
        Path runDir = Files.createDirectories(tmp.resolve("run"));
        TrainingSession session = new TrainingSession(config, runDir, shape, g, d);
        List<ObjectNode> records = new ArrayList<>();
        MonitorListener monitor = new MonitorListener(new MonitorConfig(2, 2, 2, 1e-7, 1e3, Defaults.alerts()),
                records::add);
        BatchSource batches = TrainingData.open(config.data()).batches(4, 3);

        new GanTrainer(session, batches::next, new Latents(4, 5, DataType.FLOAT),
                List.of(monitor, new CheckpointListener(new OutputConfig("unused", 1, 1, 2)))).run(4);

        assertThat(d.updateCount()).isEqualTo(4);
        assertThat(d.params()).isNotEqualTo(dBefore);
        List<CheckSnapshot> checks = monitor.history();
        assertThat(checks).extracting(CheckSnapshot::iteration).containsExactly(2L, 4L);
        List<LayerUnits> units = checks.get(1).units();
        assertThat(units).extracting(u -> u.id() + " " + u.type() + " " + u.units())
                .containsExactly("D act1 LEAKYRELU 4", "D act2 LEAKYRELU 4", "G act1 RELU 16");
        assertThat(checks.get(1).gradients()).extracting(ParamGradient::id)
                .contains("D conv1/W", "D bn2/gamma", "D logit/b", "G fc1/W", "G bn1/beta")
                .doesNotContain("D bn2/mean", "G bn1/var");
        assertThat(checks.get(1).gradients()).filteredOn(p -> p.network() == NetworkRole.DISCRIMINATOR)
                .allMatch(p -> p.gradientNorm() > 0, "non-zero D gradient");
        assertThat(records.get(0).get("gOutputTanhSaturated").asDouble()).isBetween(0.0, 1.0);

        Path checkpoint = Checkpoints.latest(runDir).orElseThrow();
        assertThat(checkpoint).isEqualTo(Checkpoints.file(runDir, 4));
        Checkpoint read = Checkpoint.read(checkpoint, true);
        assertThat(read.generator().getClass()).isEqualTo(ComputationGraph.class);
        assertThat(read.discriminator().getClass()).isEqualTo(ComputationGraph.class);
        assertThat(read.discriminator().params()).isEqualTo(d.params());

        Path first = Sampling.grid(checkpoint, 4, 7, tmp.resolve("a.png"));
        Sampling.grid(runDir, 4, 7, tmp.resolve("b.png"));
        assertThat(first).isEqualTo(checkpoint);
        assertThat(ImageIO.read(tmp.resolve("a.png").toFile()).getWidth()).isEqualTo(11 * (2 * 8 + 3 * 2));
        assertThat(Files.readAllBytes(tmp.resolve("b.png"))).isEqualTo(Files.readAllBytes(tmp.resolve("a.png")));
    }
}
