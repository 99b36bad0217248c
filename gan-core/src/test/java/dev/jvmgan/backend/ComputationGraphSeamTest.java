package dev.jvmgan.backend;

import dev.jvmgan.train.BceWithLogits;
import dev.jvmgan.train.Labels;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seam's contract over a {@link ComputationGraph}, and what only graphs do: a residual D,
 * {@code x -> d1 -> act1 -> d2 -> add(d2, x) -> act2 -> logit}, whose input feeds two vertices; a generator of the
 * other kind chained through it; and the copy the seam trains.
 */
class ComputationGraphSeamTest extends SeamContract {

    @Override
    NetworkKind kind() {
        return NetworkKind.GRAPH;
    }

    static DenseLayer dense(int in, int out, org.nd4j.linalg.activations.IActivation activation) {
        return new DenseLayer.Builder().nIn(in).nOut(out).activation(activation).build();
    }

    static GraphBuilder graphBuilder(long seed, IUpdater updater) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE).updater(updater)
                .weightInit(WeightInit.XAVIER).graphBuilder();
    }

    static void addGenerator(GraphBuilder b, String input) {
        b.addLayer("g1", dense(LATENT, 6, new ActivationTanH()), input)
                .addLayer("g2", dense(6, IMAGE, new ActivationTanH()), "g1");
    }

    /** D's vertices after {@code input}; its output is {@code logit}. */
    static void addDiscriminator(GraphBuilder b, String input) {
        b.addLayer("d1", dense(IMAGE, IMAGE, Activation.IDENTITY.getActivationFunction()), input)
                .addLayer("act1", new ActivationLayer.Builder().activation(new ActivationLReLU(0.2)).build(), "d1")
                .addLayer("d2", dense(IMAGE, IMAGE, Activation.IDENTITY.getActivationFunction()), "act1")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "d2", input)
                .addLayer("act2", new ActivationLayer.Builder().activation(new ActivationLReLU(0.2)).build(), "add")
                .addLayer("logit", dense(IMAGE, 1, Activation.IDENTITY.getActivationFunction()), "act2");
    }

    static ComputationGraph init(ComputationGraphConfiguration conf) {
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    static ComputationGraph generatorGraph(IUpdater updater) {
        GraphBuilder b = graphBuilder(1, updater).addInputs("z");
        addGenerator(b, "z");
        return init(b.setOutputs("g2").build());
    }

    static MultiLayerNetwork generatorNetwork(IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE)
                .updater(updater).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().name("g1").nIn(LATENT).nOut(6).activation(new ActivationTanH()).build())
                .layer(new DenseLayer.Builder().name("g2").nIn(6).nOut(IMAGE).activation(new ActivationTanH()).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static ComputationGraph residualDiscriminator(IUpdater updater) {
        GraphBuilder b = graphBuilder(2, updater).addInputs("x");
        addDiscriminator(b, "x");
        return init(b.setOutputs("logit").build());
    }

    /** G's vertices then D's in one graph, with G's and D's parameters (by name): the network we avoid training. */
    static ComputationGraph combined(TrainableNetwork g, TrainableNetwork d) {
        // No workspaces, so that the layer inputs kept by feedForward(..., clearInputs=false) stay valid.
        GraphBuilder b = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new Sgd(0.1))
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE)
                .graphBuilder().addInputs("z");
        addGenerator(b, "z");
        addDiscriminator(b, "g2");
        ComputationGraph both = init(b.setOutputs("logit").build());
        g.parameterTable().forEach((key, p) -> both.getParam(key.replace('/', '_')).assign(p));
        d.parameterTable().forEach((key, p) -> both.getParam(key.replace('/', '_')).assign(p));
        return both;
    }

    static TrainableNetwork graphSeam(ComputationGraph graph) {
        return TrainableNetworks.of(graph);
    }

    /** The graph the seam trains (a copy of the one it was given). */
    static ComputationGraph graph(TrainableNetwork net) {
        return (ComputationGraph) net.model();
    }

    private static void assertChainedGradientEqualsCombined(TrainableNetwork g) {
        Nd4j.getRandom().setSeed(7);
        TrainableNetwork d = graphSeam(residualDiscriminator(new Sgd(0.1)));
        INDArray z = latents();

        BceWithLogits.Result loss = BceWithLogits.of(d.forward(g.forward(z)), Labels.REAL);
        g.backward(d.inputGradient(loss.dLogits()));
        Map<String, INDArray> chained = g.pendingGradients();

        ComputationGraph both = combined(g, d);
        INDArray logits = both.feedForward(new INDArray[]{z}, true, false).get("logit");
        assertThat(logits.equalsWithEps(d.forward(g.forward(z)), 1e-14)).isTrue();
        Map<String, INDArray> combinedGradients = both.backpropGradient(loss.dLogits()).gradientForVariable();

        assertThat(chained).containsOnlyKeys("g1/W", "g1/b", "g2/W", "g2/b");
        chained.forEach((key, gradient) -> {
            INDArray expected = combinedGradients.get(key.replace('/', '_'));
            assertThat(expected.amaxNumber().doubleValue()).as(key).isPositive();
            assertThat(relativeError(gradient, expected)).as(key).isLessThan(1e-10);
        });
    }

    @Test
    void chainedGradientOfAGraphGeneratorEqualsTheCombinedGraphs() {
        assertChainedGradientEqualsCombined(graphSeam(generatorGraph(new Sgd(0.1))));
    }

    @Test
    void chainedGradientOfAMultiLayerGeneratorEqualsTheCombinedGraphs() {
        assertChainedGradientEqualsCombined(TrainableNetworks.of(generatorNetwork(new Sgd(0.1))));
    }

    @Test
    void anInputFeedingTwoVerticesGetsTheSumOfTheirGradients() {
        GraphBuilder b = graphBuilder(5, new Sgd(0.1)).addInputs("x")
                .addLayer("a", dense(IMAGE, 1, Activation.IDENTITY.getActivationFunction()), "x")
                .addLayer("b", dense(IMAGE, 1, Activation.IDENTITY.getActivationFunction()), "x")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a", "b");
        TrainableNetwork net = graphSeam(init(b.setOutputs("sum").build()));
        INDArray wa = net.parameterTable().get("a/W");
        INDArray wb = net.parameterTable().get("b/W");

        net.forward(Nd4j.rand(DataType.DOUBLE, BATCH, IMAGE));
        INDArray inputGradient = net.inputGradient(Nd4j.ones(DataType.DOUBLE, BATCH, 1));

        INDArray expectedRow = wa.add(wb).reshape(1, IMAGE);
        for (int row = 0; row < BATCH; row++) {
            assertThat(inputGradient.getRow(row, true)).isEqualTo(expectedRow);
        }
    }

    /**
     * {@code d0} feeds both an activation layer and the residual sum. Inference without workspaces would let the
     * activation layer overwrite {@code d0}'s output in place before the sum reads it.
     */
    @Test
    void inferenceAgreesWithTrainingWhenAPreActivationAlsoFeedsTheResidualSum() {
        GraphBuilder b = graphBuilder(6, new Sgd(0.1)).addInputs("x")
                .addLayer("d0", dense(IMAGE, IMAGE, Activation.IDENTITY.getActivationFunction()), "x")
                .addLayer("act", new ActivationLayer.Builder().activation(Activation.RELU).build(), "d0")
                .addLayer("d1", dense(IMAGE, IMAGE, Activation.IDENTITY.getActivationFunction()), "act")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "d0", "d1");
        TrainableNetwork net = graphSeam(init(b.setOutputs("add").build()));
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, IMAGE).subi(0.5).muli(4);

        INDArray training = net.forward(x).dup();
        assertThat(net.layerInputs().get("act").minNumber().doubleValue()).as("some pre-activations < 0").isNegative();
        assertThat(net.output(x)).isEqualTo(training);
        assertThat(net.forward(x)).as("and training again after inference").isEqualTo(training);
    }

    @Test
    void layerInputsAreByVertexNameInTopologicalOrderAndTheResidualSumFeedsTheLayerAfterIt() {
        Nd4j.getRandom().setSeed(3);
        TrainableNetwork d = graphSeam(residualDiscriminator(new Sgd(0.1)));
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, IMAGE).subi(0.5);
        d.forward(x);
        Map<String, INDArray> inputs = d.layerInputs();

        assertThat(inputs.keySet()).containsExactly("d1", "act1", "d2", "act2", "logit");
        INDArray d1 = x.mmul(d.parameterTable().get("d1/W")).addRowVector(d.parameterTable().get("d1/b"));
        assertThat(inputs.get("d1")).isSameAs(x);
        assertThat(inputs.get("act1").equalsWithEps(d1, 1e-15)).as("act1 input is d1's output").isTrue();
        assertThat(inputs.get("act1").minNumber().doubleValue()).as("pre-activation, not LReLU'd").isNegative();
        INDArray added = inputs.get("d2").mmul(d.parameterTable().get("d2/W"))
                .addRowVector(d.parameterTable().get("d2/b")).add(x);
        assertThat(inputs.get("act2").equalsWithEps(added, 1e-15)).as("act2 input is the residual sum").isTrue();
    }

    @Test
    void wrappingCopiesTheGraphByNameAndLeavesTheOriginalAlone() {
        ComputationGraph source = residualDiscriminator(new Adam(1e-2));
        INDArray sourceParams = source.params().dup();
        TrainableNetwork d = graphSeam(source);

        assertThat(d.model()).isInstanceOf(ComputationGraph.class).isNotSameAs(source);
        assertThat(graph(d).getConfiguration().getVertices().keySet())
                .isEqualTo(source.getConfiguration().getVertices().keySet());
        source.paramTable().forEach((key, p) -> assertThat(graph(d).getParam(key)).as(key).isEqualTo(p));

        d.backward(BceWithLogits.of(d.forward(Nd4j.rand(DataType.DOUBLE, BATCH, IMAGE)), Labels.REAL).dLogits());
        d.applyUpdate();
        assertThat(source.params()).isEqualTo(sourceParams);
        assertThat(d.params()).isNotEqualTo(sourceParams);
    }

    @Test
    void wrappingCarriesOverAdamStateAndIterationCount() {
        TrainableNetwork trained = graphSeam(residualDiscriminator(new Adam(1e-2)));
        for (int step = 0; step < 2; step++) {
            trained.backward(BceWithLogits.of(trained.forward(Nd4j.rand(DataType.DOUBLE, BATCH, IMAGE)), Labels.REAL)
                    .dLogits());
            trained.applyUpdate();
        }
        ComputationGraph plain = graph(trained).clone();
        plain.getUpdater().setStateViewArray(graph(trained).getUpdater().getStateViewArray());
        plain.getConfiguration().setIterationCount(2);

        TrainableNetwork rewrapped = graphSeam(plain);
        assertThat(graph(rewrapped).getUpdater().getStateViewArray())
                .isEqualTo(graph(trained).getUpdater().getStateViewArray());
        assertThat(rewrapped.updateCount()).isEqualTo(2);
        assertThat(rewrapped.params()).isEqualTo(trained.params());
    }

    @Test
    void wrappingAWrappedGraphKeepsIt() {
        TrainableNetwork d = graphSeam(residualDiscriminator(new Sgd(0.1)));
        assertThat(graphSeam(graph(d)).model()).isSameAs(d.model());
    }
}
