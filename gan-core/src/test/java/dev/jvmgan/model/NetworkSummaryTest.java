package dev.jvmgan.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.model.NetworkSummary.Row;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;

/** The layer table of the reference DCGAN, of a PReLU network and of a small residual graph. */
class NetworkSummaryTest {
    private static final ImageShape MNIST = new ImageShape(1, 28);

    @Test
    void referenceGenerator() {
        MultiLayerNetwork g = NetworkFactory.generator(Fixtures.referenceDcgan(), Fixtures.ADAM, MNIST, 1,
                DataType.FLOAT);
        NetworkSummary summary = NetworkSummary.of(g, InputType.feedForward(100));

        assertThat(summary.inputs()).containsExactly(new NetworkSummary.Input("input", "100"));
        assertThat(summary.rows()).containsExactly(
                row("fc1", "DenseLayer", "identity", "6272", 100 * 6272 + 6272),
                row("bn1", "BatchNormalization", "identity", "6272", 4 * 6272),
                row("act1", "ActivationLayer", "relu", "6272", 0),
                row("deconv2", "Deconvolution2D", "identity", "64x14x14", 128 * 64 * 4 * 4 + 64),
                row("bn2", "BatchNormalization", "identity", "64x14x14", 4 * 64),
                row("act2", "ActivationLayer", "relu", "64x14x14", 0),
                row("deconv3", "Deconvolution2D", "identity", "1x28x28", 64 * 4 * 4 + 1),
                row("out", "ActivationLayer", "tanh", "1x28x28", 0));
        assertThat(summary.params()).isEqualTo(g.numParams()).isEqualTo(790_977).isEqualTo(sum(summary));
        // PyTorch's count (ReferenceDcganTest) plus the running mean and variance of bn1 and bn2.
        assertThat(summary.params() - summary.runningStatistics()).isEqualTo(778_305);
    }

    @Test
    void referenceDiscriminator() {
        MultiLayerNetwork d = NetworkFactory.discriminator(Fixtures.referenceDcgan(), Fixtures.ADAM, MNIST, 1,
                DataType.FLOAT);
        NetworkSummary summary = NetworkSummary.of(d, InputType.convolutional(28, 28, 1, CNN2DFormat.NCHW));

        assertThat(summary.inputs()).containsExactly(new NetworkSummary.Input("input", "1x28x28"));
        assertThat(summary.rows()).containsExactly(
                row("conv1", "ConvolutionLayer", "identity", "64x14x14", 1 * 64 * 4 * 4 + 64),
                row("act1", "ActivationLayer", "leakyrelu(alpha=0.2)", "64x14x14", 0),
                row("conv2", "ConvolutionLayer", "identity", "128x7x7", 64 * 128 * 4 * 4 + 128),
                row("bn2", "BatchNormalization", "identity", "128x7x7", 4 * 128),
                row("act2", "ActivationLayer", "leakyrelu(alpha=0.2)", "128x7x7", 0),
                row("logit", "DenseLayer", "identity", "1", 128 * 7 * 7 + 1));
        assertThat(summary.params()).isEqualTo(d.numParams()).isEqualTo(139_073).isEqualTo(sum(summary));
        assertThat(summary.params() - summary.runningStatistics()).isEqualTo(138_817);
    }

    @Test
    void preluShowsItsLearnedSlopes() {
        ActivationConfig prelu = ActivationConfig.defaults(ActivationType.PRELU);
        ModelConfig tiny = Fixtures.tiny("dcgan", prelu);
        ImageShape image = new ImageShape(1, 8);
        NetworkSummary g = NetworkSummary.of(NetworkFactory.generator(tiny, Fixtures.ADAM, image, 1, DataType.FLOAT),
                InputType.feedForward(4));
        NetworkSummary d = NetworkSummary.of(
                NetworkFactory.discriminator(tiny, Fixtures.ADAM, image, 1, DataType.FLOAT),
                InputType.convolutional(8, 8, 1));

        // G widths [4, 2] on 8x8: fc1 has 2*2*4 units, one slope each; D's convolutions share a slope per channel.
        assertThat(g.rows()).filteredOn(r -> r.name().equals("act1")).singleElement()
                .isEqualTo(row("act1", "PReluLayer", "prelu(16 learned slopes)", "16", 16));
        assertThat(d.rows()).filteredOn(r -> r.type().equals("PReluLayer")).extracting(Row::activation)
                .containsExactly("prelu(2 learned slopes)", "prelu(4 learned slopes)");
    }

    @Test
    void activationsWithTheirParameters() {
        assertThat(NetworkSummary.activation(new LeakyReluActivation(0.2))).isEqualTo("leakyrelu(alpha=0.2)");
        assertThat(NetworkSummary.activation(new ActivationLReLU())).isEqualTo("leakyrelu(alpha=0.01)");
        assertThat(NetworkSummary.activation(new RReLUActivation(1.0 / 8, 1.0 / 3))).isEqualTo("rrelu(l=0.125,u=0.333)");
        assertThat(NetworkSummary.activation(new EluActivation(1.0))).isEqualTo("elu(alpha=1.0)");
        assertThat(NetworkSummary.activation(new GeluActivation())).isEqualTo("gelu(exact)");
        assertThat(NetworkSummary.activation(new ActivationGELU())).isEqualTo("gelu(sigmoid approximation)");
        assertThat(NetworkSummary.activation(new ActivationSwish())).isEqualTo("silu");
        assertThat(NetworkSummary.activation(new ActivationSELU())).isEqualTo("selu");
        assertThat(NetworkSummary.activation(new ActivationTanH())).isEqualTo("tanh");
        assertThat(NetworkSummary.activation(new ActivationIdentity())).isEqualTo("identity");
    }

    /** in -> conv1 -> act1 -> conv2, add = conv1 + conv2, merge = [add, act1] (channels), out = dense(1). */
    @Test
    void residualGraph() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .seed(1).activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(2).build(), "in")
                .addLayer("act1", new ActivationLayer(new LeakyReluActivation(0.2)), "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(2).build(), "act1")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "conv1", "conv2")
                .addVertex("merge", new MergeVertex(), "add", "act1")
                .addLayer("out", new DenseLayer.Builder().nOut(1).build(), "merge")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(8, 8, 1))
                .build());
        graph.init();

        NetworkSummary summary = NetworkSummary.of(graph, InputType.convolutional(8, 8, 1));

        assertThat(summary.inputs()).containsExactly(new NetworkSummary.Input("in", "1x8x8"));
        assertThat(summary.rows()).containsExactly(
                new Row("conv1", "ConvolutionLayer", List.of("in"), "identity", "2x8x8", 1 * 2 * 3 * 3 + 2),
                new Row("act1", "ActivationLayer", List.of("conv1"), "leakyrelu(alpha=0.2)", "2x8x8", 0),
                new Row("conv2", "ConvolutionLayer", List.of("act1"), "identity", "2x8x8", 2 * 2 * 3 * 3 + 2),
                new Row("add", "ElementWiseVertex", List.of("conv1", "conv2"), "", "2x8x8", 0),
                new Row("merge", "MergeVertex", List.of("add", "act1"), "", "4x8x8", 0),
                new Row("out", "DenseLayer", List.of("merge"), "identity", "1", 4 * 8 * 8 + 1));
        assertThat(summary.params()).isEqualTo(graph.numParams()).isEqualTo(sum(summary));
        assertThat(summary.runningStatistics()).isZero();
        assertThat(summary.table("residual")).startsWith("residual: input in 1x8x8\n")
                .contains("inputs").contains("conv1,conv2");
    }

    @Test
    void tableLinesUpAndTotals() {
        MultiLayerNetwork d = NetworkFactory.discriminator(Fixtures.referenceDcgan(), Fixtures.ADAM, MNIST, 1,
                DataType.FLOAT);
        String table = NetworkSummary.of(d, InputType.convolutional(28, 28, 1, CNN2DFormat.NCHW))
                .table("discriminator (dcgan)");
        List<String> lines = table.lines().toList();

        assertThat(lines.get(0)).isEqualTo("discriminator (dcgan): input 1x28x28");
        assertThat(lines.get(1)).startsWith("  layer").endsWith("parameters").doesNotContain("inputs");
        assertThat(lines.get(4)).startsWith("  conv2").endsWith("131,200");
        assertThat(lines.subList(1, 8)).extracting(String::length).containsOnly(lines.get(1).length());
        assertThat(lines.get(8)).isEqualTo("  total: 139,073 parameters (138,817 trained, 256 batch-norm running statistics)");
    }

    private static Row row(String name, String type, String activation, String shape, long params) {
        return new Row(name, type, List.of(), activation, shape, params);
    }

    private static long sum(NetworkSummary summary) {
        return summary.rows().stream().mapToLong(Row::params).sum();
    }
}
