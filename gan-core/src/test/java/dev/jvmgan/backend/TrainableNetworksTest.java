package dev.jvmgan.backend;

import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static dev.jvmgan.backend.ComputationGraphSeamTest.IMAGE;
import static dev.jvmgan.backend.ComputationGraphSeamTest.dense;
import static dev.jvmgan.backend.ComputationGraphSeamTest.graphBuilder;
import static dev.jvmgan.backend.ComputationGraphSeamTest.init;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which seam a model gets, and the graphs the seam refuses, each with a message naming what is wrong. */
class TrainableNetworksTest {

    @Test
    void picksTheSeamByKindOfNetwork() {
        var net = ComputationGraphSeamTest.generatorNetwork(new Sgd(0.1));
        assertThat(TrainableNetworks.of(net).model()).as("trains in place").isSameAs(net);
        var graph = ComputationGraphSeamTest.residualDiscriminator(new Sgd(0.1));
        assertThat(TrainableNetworks.of(graph).model()).as("trains a copy").isInstanceOf(ComputationGraph.class)
                .isNotSameAs(graph);
    }

    @Test
    void rejectsOtherModelsNamingTheirClass() {
        var layer = ComputationGraphSeamTest.generatorNetwork(new Sgd(0.1)).getLayer(0);
        assertThatThrownBy(() -> TrainableNetworks.of(layer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(layer.getClass().getName());
    }

    @Test
    void layersOfBothKinds() {
        assertThat(TrainableNetworks.layers(ComputationGraphSeamTest.residualDiscriminator(new Sgd(0.1))))
                .extracting(l -> l.conf().getLayer().getLayerName())
                .containsExactly("d1", "act1", "d2", "act2", "logit");
        assertThat(TrainableNetworks.layers(ComputationGraphSeamTest.generatorNetwork(new Sgd(0.1)))).hasSize(2);
    }

    @Test
    void rejectsAGraphWithTwoInputs() {
        GraphBuilder b = graphBuilder(1, new Sgd(0.1)).addInputs("a", "b")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a", "b")
                .addLayer("out", dense(IMAGE, 1, Activation.IDENTITY.getActivationFunction()), "sum");
        ComputationGraph graph = init(b.setOutputs("out").build());
        assertThatThrownBy(() -> TrainableNetworks.of(graph)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one input and one output").hasMessageContaining("[a, b]");
    }

    @Test
    void rejectsAGraphWithTwoOutputs() {
        GraphBuilder b = graphBuilder(1, new Sgd(0.1)).addInputs("x")
                .addLayer("p", dense(IMAGE, 1, Activation.IDENTITY.getActivationFunction()), "x")
                .addLayer("q", dense(IMAGE, 1, Activation.IDENTITY.getActivationFunction()), "x");
        ComputationGraph graph = init(b.setOutputs("p", "q").build());
        assertThatThrownBy(() -> TrainableNetworks.of(graph)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outputs [p, q]");
    }

    @Test
    void rejectsAGraphEndingInAnOutputLayerNamingTheVertex() {
        GraphBuilder b = graphBuilder(1, new Sgd(0.1)).addInputs("x")
                .addLayer("prob", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(IMAGE).nOut(1)
                        .activation(Activation.SIGMOID).build(), "x");
        ComputationGraph graph = init(b.setOutputs("prob").build());
        assertThatThrownBy(() -> TrainableNetworks.of(graph)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output vertex 'prob'").hasMessageContaining("OutputLayer");
    }

    @Test
    void rejectsAGraphEndingInALossLayerNamingTheVertex() {
        GraphBuilder b = graphBuilder(1, new Sgd(0.1)).addInputs("x")
                .addLayer("logit", dense(IMAGE, 1, Activation.IDENTITY.getActivationFunction()), "x")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.SIGMOID).build(), "logit");
        ComputationGraph graph = init(b.setOutputs("loss").build());
        assertThatThrownBy(() -> TrainableNetworks.of(graph)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output vertex 'loss'").hasMessageContaining("LossLayer");
    }

    @Test
    void rejectsAGraphThatIsNotInitialised() {
        GraphBuilder b = graphBuilder(1, new Sgd(0.1)).addInputs("x")
                .addLayer("logit", dense(IMAGE, 1, Activation.IDENTITY.getActivationFunction()), "x");
        ComputationGraph graph = new ComputationGraph(b.setOutputs("logit").build());
        assertThatThrownBy(() -> TrainableNetworks.of(graph)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("init()");
    }

    @Test
    void refusesALineSearchOptimiserNamingTheSettingAndTheFix() {
        GraphBuilder b = new NeuralNetConfiguration.Builder().optimizationAlgo(OptimizationAlgorithm.LBFGS)
                .graphBuilder().addInputs("x")
                .addLayer("logit", dense(IMAGE, 1, Activation.IDENTITY.getActivationFunction()), "x");
        ComputationGraph graph = init(b.setOutputs("logit").build());
        assertThatThrownBy(() -> TrainableNetworks.of(graph)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("optimizationAlgo LBFGS is set for the whole network")
                .hasMessageContaining("STOCHASTIC_GRADIENT_DESCENT");
    }

    @Test
    void refusesTruncatedBackpropagationThroughTime() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(1).build())
                .backpropType(BackpropType.TruncatedBPTT).tBPTTLength(4).build());
        net.init();
        assertThatThrownBy(() -> TrainableNetworks.of(net)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("backpropType TruncatedBPTT is set")
                .hasMessageContaining("BackpropType.Standard");
    }
}
