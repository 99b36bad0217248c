package dev.jvmgan.monitor;

import dev.jvmgan.config.ActivationType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;

import static org.assertj.core.api.Assertions.assertThat;

/** Layer kinds of a ComputationGraph: by vertex name, in topological order, non-layer vertices skipped. */
class LayerKindsTest {

    /**
     * x -> conv1 -> bn1 -> act1 (lrelu) -> deconv2 -> prelu2 -> add(prelu2, x) -> merge(add, act1) -> fc3 -> out
     * (tanh).
     */
    static ComputationGraph everyKind() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1)
                .convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("x")
                .setInputTypes(InputType.convolutional(4, 4, 2))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.IDENTITY).build(),
                        "x")
                .addLayer("bn1", new BatchNormalization.Builder().build(), "conv1")
                .addLayer("act1", new ActivationLayer.Builder().activation(new ActivationLReLU(0.2)).build(), "bn1")
                .addLayer("deconv2", new Deconvolution2D.Builder(3, 3).nOut(2).activation(Activation.IDENTITY)
                        .build(), "act1")
                .addLayer("prelu2", new PReLULayer.Builder().inputShape(2, 4, 4).sharedAxes(2, 3).build(), "deconv2")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "prelu2", "x")
                .addVertex("merge", new MergeVertex(), "add", "act1")
                .addLayer("fc3", new DenseLayer.Builder().nOut(3).activation(Activation.IDENTITY).build(), "merge")
                .addLayer("out", new ActivationLayer.Builder().activation(Activation.TANH).build(), "fc3")
                .setOutputs("out").build());
        graph.init();
        return graph;
    }

    @Test
    void classifiesAGraphsLayersByVertexName() {
        assertThat(LayerKinds.of(everyKind())).containsExactly(
                new LayerKinds.Kind("conv1", null, false),
                new LayerKinds.Kind("bn1", null, false),
                new LayerKinds.Kind("act1", ActivationType.LEAKYRELU, false),
                new LayerKinds.Kind("deconv2", null, false),
                new LayerKinds.Kind("prelu2", ActivationType.PRELU, false),
                new LayerKinds.Kind("fc3", null, false),
                new LayerKinds.Kind("out", null, true));
    }
}
