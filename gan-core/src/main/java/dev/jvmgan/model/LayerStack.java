package dev.jvmgan.model;

import dev.jvmgan.config.ActivationConfig;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.NetworkConfig;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.nd4j.linalg.activations.Activation;

/**
 * A network under construction: the shared settings every layer inherits, and the stage pattern
 * {@code [weights] -> [bn] -> [activation layer]} with its names ({@code fc1}, {@code bn1}, {@code act1}, ...).
 */
final class LayerStack {

    private final NeuralNetConfiguration.ListBuilder list;
    private final NetworkConfig net;
    private int nextIndex;

    LayerStack(ArchitectureContext context) {
        this.net = context.network();
        this.list = context.defaults().list();
    }

    LayerStack add(Layer layer) {
        list.layer(nextIndex++, layer);
        return this;
    }

    /** Reshapes the input of the layer added next. */
    LayerStack reshapeNext(InputPreProcessor preProcessor) {
        list.inputPreProcessor(nextIndex, preProcessor);
        return this;
    }

    /**
     * Closes hidden stage {@code stage}: batch norm if asked, then the activation as a layer of its own, so that a
     * monitor can read the pre-activation as that layer's input.
     *
     * @param shape the stage's output without the batch dimension: {@code [units]} or {@code [channels, h, w]}
     */
    LayerStack closeStage(int stage, boolean batchNorm, long... shape) {
        if (batchNorm) {
            add(new BatchNormalization.Builder().activation(Activation.IDENTITY).name("bn" + stage).build());
        }
        return add(activationLayer(net.activation(), "act" + stage, shape));
    }

    /** An {@code ActivationLayer}, or a {@link PReluLayer} with its slopes shared over height and width. */
    static Layer activationLayer(ActivationConfig activation, String name, long... shape) {
        if (activation.type() == ActivationType.PRELU) {
            PReLULayer.Builder prelu = new PReLULayer.Builder()
                    .inputShape(shape.clone()) // PReLUParamInitializer writes into this array
                    .weightInit(new WeightInitConstant(activation.alpha()));
            if (shape.length == 3) {
                prelu.sharedAxes(2, 3); // one slope per channel, shared over height and width
            }
            return PReluLayer.of(prelu.name(name).build());
        }
        return new ActivationLayer.Builder().activation(Activations.of(activation)).name(name).build();
    }

    static DenseLayer dense(String name, long units) {
        return new DenseLayer.Builder().nOut(units).activation(Activation.IDENTITY).name(name).build();
    }

    MultiLayerNetwork build(InputType input) {
        MultiLayerNetwork network = new MultiLayerNetwork(list.setInputType(input).build());
        network.init();
        return network;
    }
}
