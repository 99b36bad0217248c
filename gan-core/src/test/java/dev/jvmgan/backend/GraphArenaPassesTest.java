package dev.jvmgan.backend;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.NetworkConfig;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.model.NetworkFactory;
import dev.jvmgan.model.NetworkRole;
import dev.jvmgan.penalty.R1Penalty;
import dev.jvmgan.penalty.WganGpPenalty;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ComputationGraph trains bitwise the same through the activation arena as through DL4J's own passes: outputs,
 * every vertex output the monitors read, dLoss/dInput, parameter gradients and the parameters after each update,
 * over three GAN iterations in which G's activations wait in its arena while D runs. The graphs cover what DL4J's
 * vertex loops handle: residual adds (a vertex whose epsilon is a sum), batch norm, preprocessors (in a layer and as
 * a vertex), merge and scale vertices, a frozen layer that passes gradients on, gan-core's conditional vertices,
 * spectral norm, and the extra passes of the R1 and WGAN-GP penalties.
 */
class GraphArenaPassesTest {
    private static final int BATCH = 4;
    private static final int LATENT = 4;
    private static final int STEPS = 3;
    private static final int CLASSES = 3;
    private static final int[] LABELS = {0, 2, 1, 2};
    private static final ImageShape IMAGE = new ImageShape(1, 8);

    private static INDArray gaussian(DataType type, long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(type, shape);
    }

    private static INDArray[] latents(DataType type) {
        INDArray[] z = new INDArray[2 * STEPS];
        for (int i = 0; i < z.length; i++) {
            z[i] = gaussian(type, 100 + i, BATCH, LATENT);
        }
        return z;
    }

    private static INDArray real(DataType type) {
        return org.nd4j.linalg.ops.transforms.Transforms.tanh(gaussian(type, 99, BATCH, 1, 8, 8), false);
    }

    private static GraphBuilder builder(DataType type, long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(type).updater(new Adam(0.01))
                .weightInit(WeightInit.XAVIER).graphBuilder();
    }

    private static ConvolutionLayer conv(int kernel, int stride, int padding, int out) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).padding(padding, padding)
                .nOut(out).activation(Activation.IDENTITY).build();
    }

    private static ActivationLayer leaky() {
        return new ActivationLayer.Builder().activation(new ActivationLReLU(0.2)).build();
    }

    private static ComputationGraph init(GraphBuilder builder) {
        ComputationGraph graph = new ComputationGraph(builder.build());
        graph.init();
        return graph;
    }

    /** z -> fc -> (to 4x4x4) -> [bn] -> relu -> deconv (8x8) -> tanh. */
    static ComputationGraph generator(DataType type, boolean batchNorm) {
        GraphBuilder b = builder(type, 1).addInputs("z")
                .addLayer("fc", new DenseLayer.Builder().nIn(LATENT).nOut(64).activation(Activation.IDENTITY).build(),
                        "z");
        String last = "fc";
        if (batchNorm) {
            b.addLayer("bn", new BatchNormalization.Builder().nOut(4).build(),
                    new FeedForwardToCnnPreProcessor(4, 4, 4), "fc");
            last = "bn";
        }
        b.addLayer("act", new ActivationLayer.Builder().activation(Activation.RELU).build(),
                batchNorm ? null : new FeedForwardToCnnPreProcessor(4, 4, 4), last);
        b.addLayer("deconv", new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nIn(4).nOut(1)
                        .activation(Activation.IDENTITY).build(), "act")
                .addLayer("out", new ActivationLayer.Builder().activation(Activation.TANH).build(), "deconv");
        return init(b.setOutputs("out"));
    }

    /** resnet-small's shape at 8x8: stem, one residual block {@code add(bn2(conv2(...)), act0)}, down, logit. */
    static ComputationGraph residualDiscriminator(DataType type, boolean batchNorm) {
        GraphBuilder b = builder(type, 2).addInputs("in").setInputTypes(InputType.convolutional(8, 8, 1))
                .addLayer("stem", conv(4, 2, 1, 4), "in").addLayer("act0", leaky(), "stem")
                .addLayer("conv1", conv(3, 1, 1, 4), "act0");
        String first = "conv1";
        if (batchNorm) {
            b.addLayer("bn1", new BatchNormalization.Builder().build(), "conv1");
            first = "bn1";
        }
        b.addLayer("act1", leaky(), first).addLayer("conv2", conv(3, 1, 1, 4), "act1");
        String second = "conv2";
        if (batchNorm) {
            b.addLayer("bn2", new BatchNormalization.Builder().build(), "conv2");
            second = "bn2";
        }
        b.addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), second, "act0")
                .addLayer("act2", leaky(), "add")
                .addLayer("down", conv(4, 2, 1, 8), "act2").addLayer("act_down", leaky(), "down")
                .addLayer("logit", new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build(),
                        "act_down");
        return init(b.setOutputs("logit"));
    }

    /** The input feeds a dense branch and a frozen one (which passes gradients on); merged, scaled, to a logit. */
    static ComputationGraph mergeDiscriminator(DataType type) {
        GraphBuilder b = builder(type, 3).addInputs("in")
                .addVertex("flat", new PreprocessorVertex(new CnnToFeedForwardPreProcessor(8, 8, 1)), "in")
                .addLayer("a", new DenseLayer.Builder().nIn(64).nOut(6).activation(Activation.TANH).build(), "flat")
                .addLayer("b", new FrozenLayerWithBackprop(new DenseLayer.Builder().nIn(64).nOut(3)
                        .activation(Activation.SIGMOID).build()), "flat")
                .addVertex("merge", new MergeVertex(), "a", "b")
                .addLayer("c", new DenseLayer.Builder().nIn(9).nOut(5).activation(Activation.IDENTITY).build(),
                        "merge")
                .addVertex("half", new ScaleVertex(0.5), "c")
                .addLayer("act", leaky(), "half")
                .addLayer("logit", new DenseLayer.Builder().nIn(5).nOut(1).activation(Activation.IDENTITY).build(),
                        "act");
        return init(b.setOutputs("logit"));
    }

    /** gan-core's class-conditional DCGAN, both networks graphs: G with ClassAffineVertex (or a merge), D projection. */
    static ComputationGraph conditionalDcgan(NetworkRole role, boolean batchNorm) {
        NetworkConfig g = new NetworkConfig("dcgan", List.of(4, 2), ActivationConfig.relu(), batchNorm, 0.02);
        NetworkConfig d = new NetworkConfig("dcgan", List.of(2, 4), ActivationConfig.leakyRelu(0.2), batchNorm, 0.02);
        ModelConfig model = new ModelConfig(LATENT, g, d, true, ModelConfig.FakeClasses.UNIFORM);
        return (ComputationGraph) NetworkFactory.create(role, model, OptimizerConfig.dcganAdam(), IMAGE, 42,
                DataType.FLOAT, CLASSES);
    }

    @ParameterizedTest(name = "batch norm {0}")
    @ValueSource(booleans = {true, false})
    void aResidualGraphPairTrainsBitwiseAsWithDl4jsPasses(boolean batchNorm) {
        GraphTwins g = GraphTwins.of(generator(DataType.FLOAT, batchNorm), 0, Set.of());
        GraphTwins d = GraphTwins.of(residualDiscriminator(DataType.FLOAT, batchNorm), 0, Set.of());
        GraphTwins.assertSameTraining(g, d, STEPS, latents(DataType.FLOAT), real(DataType.FLOAT), null, null);
    }

    @Test
    void mergeScalePreprocessorVertexAndAFrozenLayerWithBackprop() {
        GraphTwins g = GraphTwins.of(generator(DataType.DOUBLE, false), 0, Set.of());
        GraphTwins d = GraphTwins.of(mergeDiscriminator(DataType.DOUBLE), 0, Set.of());
        GraphTwins.assertSameTraining(g, d, STEPS, latents(DataType.DOUBLE), real(DataType.DOUBLE), null, null);
    }

    @ParameterizedTest(name = "batch norm {0}")
    @ValueSource(booleans = {true, false})
    void theConditionalDcganWithClassAffineOrMergeAndProjection(boolean batchNorm) {
        GraphTwins g = GraphTwins.of(conditionalDcgan(NetworkRole.GENERATOR, batchNorm), CLASSES, Set.of());
        GraphTwins d = GraphTwins.of(conditionalDcgan(NetworkRole.DISCRIMINATOR, batchNorm), CLASSES, Set.of());
        GraphTwins.assertSameTraining(g, d, STEPS, latents(DataType.FLOAT), real(DataType.FLOAT), LABELS, null);
    }

    @Test
    void spectralNormOnBothGraphs() {
        GraphTwins g = GraphTwins.of(conditionalDcgan(NetworkRole.GENERATOR, true), CLASSES,
                Set.of("fc1", "deconv2", "deconv3"));
        GraphTwins d = GraphTwins.of(conditionalDcgan(NetworkRole.DISCRIMINATOR, true), CLASSES,
                Set.of("conv1", "conv2", "logit", "embed"));
        GraphTwins.assertSameTraining(g, d, STEPS, latents(DataType.FLOAT), real(DataType.FLOAT), LABELS, null);
        GraphTwins rg = GraphTwins.of(generator(DataType.FLOAT, true), 0, Set.of("fc", "deconv"));
        GraphTwins rd = GraphTwins.of(residualDiscriminator(DataType.FLOAT, false), 0,
                Set.of("stem", "conv1", "conv2", "down", "logit"));
        GraphTwins.assertSameTraining(rg, rd, STEPS, latents(DataType.FLOAT), real(DataType.FLOAT), null, null);
    }

    @Test
    void thePenaltiesExtraPassesR1WithBatchNormAndWganGp() {
        GraphTwins g = GraphTwins.of(generator(DataType.FLOAT, true), 0, Set.of());
        GraphTwins d = GraphTwins.of(residualDiscriminator(DataType.FLOAT, true), 0, Set.of());
        GraphTwins.assertSameTraining(g, d, STEPS, latents(DataType.FLOAT), real(DataType.FLOAT), null,
                () -> new R1Penalty(1.0));
        GraphTwins wg = GraphTwins.of(generator(DataType.FLOAT, true), 0, Set.of());
        GraphTwins critic = GraphTwins.of(residualDiscriminator(DataType.FLOAT, false), 0, Set.of());
        GraphTwins.assertSameTraining(wg, critic, STEPS, latents(DataType.FLOAT), real(DataType.FLOAT), null,
                () -> new WganGpPenalty(10, 5));
    }

    @Test
    void aGraphWithACacheModeFallsBackToDl4jsPassesAndStillTrains() {
        GraphBuilder b = new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.DOUBLE)
                .updater(new Adam(0.01)).cacheMode(CacheMode.HOST).graphBuilder().addInputs("in")
                .addLayer("d1", new DenseLayer.Builder().nIn(3).nOut(2).activation(Activation.TANH).build(), "in")
                .addLayer("d2", new DenseLayer.Builder().nIn(2).nOut(1).activation(Activation.IDENTITY).build(), "d1");
        ComputationGraph graph = init(b.setOutputs("d2"));
        assertThat(GraphArenaPasses.unsupported(graph)).hasValueSatisfying(why -> assertThat(why).contains("cache"));
        GraphPasses passes = new GraphPasses(graph, 1, true);
        assertThat(passes.usesArena()).isFalse();
        TrainableNetwork seam = new Dl4jTrainable(passes, null, ClassInput.none());
        INDArray before = seam.params().dup();
        INDArray out = seam.forward(gaussian(DataType.DOUBLE, 1, 5, 3), null);
        assertThat(seam.backward(Nd4j.onesLike(out)).shape()).containsExactly(5, 3);
        seam.applyUpdate();
        assertThat(seam.params()).isNotEqualTo(before);
        assertThat(GraphArenaPasses.unsupported(residualDiscriminator(DataType.FLOAT, true))).isEmpty();
    }
}
