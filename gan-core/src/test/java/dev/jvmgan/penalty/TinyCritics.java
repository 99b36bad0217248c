package dev.jvmgan.penalty;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.function.Supplier;

/** Tiny discriminators, seeded, each built anew on every call (so twins start with identical parameters). */
enum TinyCritics {
    /** dense 3 -> 5 tanh -> 4 leaky ReLU -> 1, input [3, 3]. */
    MLP(() -> {
        MultiLayerNetwork net = new MultiLayerNetwork(builder(DataType.DOUBLE).list()
                .layer(dense(3, 5).activation(Activation.TANH).build())
                .layer(dense(5, 4).activation(new ActivationLReLU(0.2)).build())
                .layer(dense(4, 1).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        return net;
    }, new long[]{3, 3}),
    /** dense 3 -> 4, batch norm, tanh, dense 4 -> 1, input [3, 3]. */
    MLP_BATCH_NORM(() -> {
        MultiLayerNetwork net = new MultiLayerNetwork(builder(DataType.DOUBLE).list()
                .layer(dense(3, 4).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
                .layer(dense(4, 1).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        return net;
    }, new long[]{3, 3}),
    /** conv 3x3 1 -> 2 channels, batch norm over channels, leaky ReLU, dense -> 1, input [3, 1, 4, 4]. */
    CONV_BATCH_NORM(() -> {
        MultiLayerNetwork net = new MultiLayerNetwork(builder(DataType.DOUBLE).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(new ActivationLReLU(0.2)).build())
                .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(4, 4, 1))
                .build());
        net.init();
        return net;
    }, new long[]{3, 1, 4, 4}),
    /** The batch-norm MLP as a ComputationGraph, which the seam trains through another class. */
    GRAPH_BATCH_NORM(() -> {
        ComputationGraph graph = new ComputationGraph(builder(DataType.DOUBLE).graphBuilder().addInputs("in")
                .addLayer("fc", new DenseLayer.Builder().nOut(4).activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().build(), "fc")
                .addLayer("act", new ActivationLayer.Builder().activation(Activation.TANH).build(), "bn")
                .addLayer("out", new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build(), "act")
                .setOutputs("out").setInputTypes(InputType.feedForward(3)).build());
        graph.init();
        return graph;
    }, new long[]{3, 3});

    private final Supplier<Model> build;
    private final long[] inputShape;

    TinyCritics(Supplier<Model> build, long[] inputShape) {
        this.build = build;
        this.inputShape = inputShape;
    }

    Model build() {
        return build.get();
    }

    /** A seeded batch in [-1, 1), the images' range. */
    INDArray batch(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, inputShape).muli(2).subi(1);
    }

    static NeuralNetConfiguration.Builder builder(DataType type) {
        return new NeuralNetConfiguration.Builder().seed(12).dataType(type).weightInit(WeightInit.XAVIER)
                .updater(new Sgd(0.05));
    }

    static DenseLayer.Builder dense(int in, int out) {
        return new DenseLayer.Builder().nIn(in).nOut(out);
    }
}
