package dev.jvmgan.model;

import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ModelConfig;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Class-conditional G and D through the seam: shapes, the labels' effect, and the chained gradient. */
class ConditionalNetworksTest {
    private static final int CLASSES = 3;
    private static final ImageShape IMAGE = new ImageShape(1, 8);
    private static final int[] LABELS = {0, 2};

    private static ModelConfig model(String architecture) {
        ModelConfig tiny = Fixtures.tiny(architecture, ActivationConfig.relu());
        return new ModelConfig(tiny.latentDim(), tiny.generator(), tiny.discriminator(), true,
                ModelConfig.FakeClasses.UNIFORM);
    }

    private static Model build(NetworkRole role, String architecture, DataType type) {
        return NetworkFactory.create(role, model(architecture), Fixtures.ADAM, IMAGE, Fixtures.SEED, type, CLASSES);
    }

    @Test
    void conditionalDcganIsATwoInputGraphAndMlpAMultiLayerNetworkWithLabelsAppended() {
        assertThat(build(NetworkRole.GENERATOR, "dcgan", DataType.FLOAT)).isInstanceOf(ComputationGraph.class);
        assertThat(build(NetworkRole.DISCRIMINATOR, "dcgan", DataType.FLOAT)).isInstanceOf(ComputationGraph.class);
        MultiLayerNetwork mlpG = (MultiLayerNetwork) build(NetworkRole.GENERATOR, "mlp", DataType.FLOAT);
        // fc1 sees z (4) and the one-hot label (3).
        assertThat(mlpG.getLayer(0).getParam("W").shape()).containsExactly(4 + CLASSES, 4);
    }

    @Test
    void bothKindsMakeImagesAndOneLogitPerSampleWithLabels() {
        for (String architecture : new String[]{"dcgan", "mlp"}) {
            TrainableNetwork g = TrainableNetworks.of(build(NetworkRole.GENERATOR, architecture, DataType.FLOAT),
                    Set.of(), 0, CLASSES);
            TrainableNetwork d = TrainableNetworks.of(build(NetworkRole.DISCRIMINATOR, architecture, DataType.FLOAT),
                    Set.of(), 0, CLASSES);
            INDArray z = Nd4j.rand(DataType.FLOAT, 2, 4);
            INDArray images = g.forward(z, LABELS).reshape(2, 1, 8, 8);
            INDArray logits = d.forward(images, LABELS);
            assertThat(logits.shape()).as(architecture).containsExactly(2, 1);
            // Only the main input's gradient comes back, in its own shape.
            assertThat(d.backward(Nd4j.onesLike(logits)).shape()).as(architecture).containsExactly(2, 1, 8, 8);
            assertThat(g.backward(Nd4j.onesLike(images).reshape(g.forward(z, LABELS).shape())).shape())
                    .as(architecture).containsExactly(2, 4);
            assertThat(g.numClasses()).isEqualTo(CLASSES);
        }
    }

    /**
     * With ACGAN's auxiliary classifier the projection D outputs [B, 1 + K]: column 0 its adversarial logit, which
     * the label changes, then K class logits from the image features alone, which it does not.
     */
    @Test
    void theAuxiliaryClassifiersDcganDOutputsClassLogitsThatDoNotSeeTheLabel() {
        ModelConfig tiny = model("dcgan");
        ModelConfig withClassifier = new ModelConfig(tiny.latentDim(), tiny.generator(), tiny.discriminator(), true,
                ModelConfig.FakeClasses.UNIFORM, 1.0);
        TrainableNetwork d = TrainableNetworks.of(NetworkFactory.create(NetworkRole.DISCRIMINATOR, withClassifier,
                Fixtures.ADAM, IMAGE, Fixtures.SEED, DataType.DOUBLE, CLASSES), Set.of(), 0, CLASSES);
        INDArray same = Nd4j.rand(DataType.DOUBLE, 1, 1, 8, 8).repeat(0, 2);

        INDArray outputs = d.output(same, new int[]{0, 1});

        assertThat(outputs.shape()).containsExactly(2, 1 + CLASSES);
        assertThat(outputs.getDouble(0, 0)).isNotEqualTo(outputs.getDouble(1, 0));
        assertThat(outputs.getRow(0).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 1 + CLASSES)))
                .isEqualTo(outputs.getRow(1).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 1 + CLASSES)));
        assertThat(outputs.getRow(0).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 1 + CLASSES))
                .norm2Number().doubleValue()).isPositive();
        // The training pass gives the image's gradient back for a [B, 1 + K] loss gradient.
        d.forward(same, new int[]{0, 1});
        assertThat(d.backward(Nd4j.onesLike(outputs)).shape()).containsExactly(2, 1, 8, 8);
    }

    @Test
    void theLabelChangesTheOutput() {
        TrainableNetwork g = TrainableNetworks.of(build(NetworkRole.GENERATOR, "dcgan", DataType.DOUBLE),
                Set.of(), 0, CLASSES);
        TrainableNetwork d = TrainableNetworks.of(build(NetworkRole.DISCRIMINATOR, "dcgan", DataType.DOUBLE),
                Set.of(), 0, CLASSES);
        INDArray z = Nd4j.rand(DataType.DOUBLE, 1, 4).repeat(0, 2);
        INDArray images = g.output(z, new int[]{0, 1});
        assertThat(images.slice(0)).isNotEqualTo(images.slice(1));
        INDArray same = images.slice(0).reshape(1, 1, 8, 8).repeat(0, 2);
        INDArray logits = d.output(same, new int[]{0, 1});
        assertThat(logits.getDouble(0)).isNotEqualTo(logits.getDouble(1));
    }

    @Test
    void theSeamRefusesMissingOrStrayLabels() {
        TrainableNetwork g = TrainableNetworks.of(build(NetworkRole.GENERATOR, "dcgan", DataType.FLOAT),
                Set.of(), 0, CLASSES);
        INDArray z = Nd4j.rand(DataType.FLOAT, 2, 4);
        assertThatThrownBy(() -> g.forward(z)).hasMessageContaining("needs a class label");
        assertThatThrownBy(() -> g.forward(z, new int[]{0, 3})).hasMessageContaining("not in [0, 3)");
        TrainableNetwork plain = TrainableNetworks.of(NetworkFactory.create(NetworkRole.GENERATOR,
                Fixtures.tiny("dcgan", ActivationConfig.relu()), Fixtures.ADAM, IMAGE, 1, DataType.FLOAT));
        assertThatThrownBy(() -> plain.forward(z, LABELS)).hasMessageContaining("not class-conditional");
    }

    @Test
    void aConditionalGraphSavesAndLoadsWithItsCustomVertices() throws Exception {
        ComputationGraph g = (ComputationGraph) build(NetworkRole.GENERATOR, "dcgan", DataType.FLOAT);
        ComputationGraph d = (ComputationGraph) build(NetworkRole.DISCRIMINATOR, "dcgan", DataType.FLOAT);
        for (ComputationGraph net : new ComputationGraph[]{g, d}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelSerializer.writeModel(net, bytes, true);
            ComputationGraph loaded = ModelSerializer.restoreComputationGraph(
                    new ByteArrayInputStream(bytes.toByteArray()), true);
            assertThat(loaded.getConfiguration()).isEqualTo(net.getConfiguration());
            assertThat(loaded.params()).isEqualTo(net.params());
        }
    }

    /**
     * G learns through D with labels on both: the seam's chained gradient (D's input gradient of the image input
     * alone, fed to G's backward) equals DL4J's own backward pass through one graph holding G and D with the same
     * parameters, for every parameter of G, the label path's gain and shift layers included.
     */
    @Test
    void chainedGradientWithLabelsEqualsTheCombinedNetworksInDouble() {
        ModelConfig model = model("dcgan");
        ComputationGraph gNet = (ComputationGraph) build(NetworkRole.GENERATOR, "dcgan", DataType.DOUBLE);
        ComputationGraph dNet = (ComputationGraph) build(NetworkRole.DISCRIMINATOR, "dcgan", DataType.DOUBLE);
        TrainableNetwork g = TrainableNetworks.of(gNet, Set.of(), 0, CLASSES);
        TrainableNetwork d = TrainableNetworks.of(dNet, Set.of(), 0, CLASSES);

        ArchitectureContext gContext = new ArchitectureContext(NetworkRole.GENERATOR, model, Fixtures.ADAM, IMAGE,
                Fixtures.SEED, DataType.DOUBLE, CLASSES);
        ArchitectureContext dContext = new ArchitectureContext(NetworkRole.DISCRIMINATOR, model, Fixtures.ADAM, IMAGE,
                Fixtures.SEED, DataType.DOUBLE, CLASSES);
        GraphBuilder builder = gContext.defaults().graphBuilder().addInputs("z", "y")
                .setInputTypes(gContext.inputType(), gContext.labelInputType());
        String images = ConditionalDcgan.addGenerator(builder, gContext, "z", "y", "g_");
        builder.setOutputs(ConditionalDcgan.addDiscriminator(builder, dContext, images, "y", "d_"));
        ComputationGraphConfiguration conf = builder.build();
        // As the seam's graphs train: without workspaces, so feedForward's activations outlive it for backprop.
        conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        ComputationGraph combined = new ComputationGraph(conf);
        combined.init();
        copy(gNet.paramTable(), combined, "g_");
        copy(dNet.paramTable(), combined, "d_");

        INDArray z = Nd4j.rand(DataType.DOUBLE, 2, 4);
        INDArray dLogits = Nd4j.create(new double[][]{{0.3}, {-0.7}});
        INDArray fake = g.forward(z, LABELS);
        d.forward(fake, LABELS);
        g.backward(d.inputGradient(dLogits));
        Map<String, INDArray> chained = g.pendingGradients();
        // Gradients of parameters only: batch norm without affine has no gamma and beta to report.
        assertThat(chained.keySet()).isEqualTo(g.parameterTable().keySet());

        INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, 2, CLASSES);
        oneHot.putScalar(0, 0, 1.0);
        oneHot.putScalar(1, 2, 1.0);
        combined.feedForward(new INDArray[]{z, oneHot}, true, false);
        Map<String, INDArray> whole = combined.backpropGradient(dLogits).gradientForVariable();

        assertThat(chained).containsKeys("gain1/W", "shift1/W", "fc1/W");
        chained.forEach((key, gradient) -> {
            INDArray expected = whole.get("g_" + key.replace('/', '_'));
            assertThat(expected).as(key).isNotNull();
            assertThat(gradient.equalsWithEps(expected, 1e-12)).as(key).isTrue();
            assertThat(gradient.norm2Number().doubleValue()).as(key).isGreaterThan(0);
        });
    }

    private static void copy(Map<String, INDArray> from, ComputationGraph into, String prefix) {
        from.forEach((key, value) -> into.getParam(prefix + key).assign(value));
    }
}
