package dev.jvmgan.train;

import dev.jvmgan.backend.ImageGeneratorNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.run.TinyRuns;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** A GAN small enough for loop tests: latent 4, 1x4x4 images, batch 4, dense layers, seeded. */
final class TinyGan {
    static final ImageShape IMAGE = new ImageShape(1, 4);
    static final int LATENT = 4;
    static final int BATCH = 4;

    private TinyGan() {
    }

    /** G: z -> fc1 (8) -> act1 ({@code hidden}) -> fc2 (16) -> tanh, seen as 1x4x4 images. */
    static MultiLayerNetwork generator(IActivation hidden) {
        MultiLayerNetwork g = new MultiLayerNetwork(common(1).list()
                .layer(new DenseLayer.Builder().name("fc1").nOut(8).build())
                .layer(new ActivationLayer.Builder().name("act1").activation(hidden).build())
                .layer(new DenseLayer.Builder().name("fc2").nOut(IMAGE.pixels()).build())
                .layer(new ActivationLayer.Builder().name("out").activation(Activation.TANH).build())
                .setInputType(InputType.feedForward(LATENT)).build());
        g.init();
        return g;
    }

    /** D: 1x4x4 images -> fc1 (8) -> leaky ReLU -> logit. */
    static MultiLayerNetwork discriminator() {
        MultiLayerNetwork d = new MultiLayerNetwork(common(2).list()
                .layer(new DenseLayer.Builder().name("fc1").nOut(8).build())
                .layer(new ActivationLayer.Builder().name("act1").activation(Activation.LEAKYRELU).build())
                .layer(new DenseLayer.Builder().name("logit").nOut(1).build())
                .setInputType(InputType.convolutional(IMAGE.size(), IMAGE.size(), IMAGE.channels())).build());
        d.init();
        return d;
    }

    static TrainingSession session(MultiLayerNetwork g, MultiLayerNetwork d) {
        RunConfig config = TinyRuns.config(Path.of("unused-images"), Path.of("unused-runs"), 2);
        return new TrainingSession(config, Path.of("unused-run"), IMAGE,
                new ImageGeneratorNetwork(TrainableNetworks.of(g), IMAGE), TrainableNetworks.of(d));
    }

    static TrainingSession session() {
        return session(generator(Activation.RELU.getActivationFunction()), discriminator());
    }

    static GanTrainer trainer(TrainingSession session, List<TrainingListener> listeners) {
        Nd4j.getRandom().setSeed(3);
        INDArray real = Nd4j.rand(DataType.FLOAT, BATCH, IMAGE.channels(), IMAGE.size(), IMAGE.size()).muli(2).subi(1);
        Supplier<INDArray> batches = () -> real;
        return new GanTrainer(session, batches, new Latents(LATENT, 5, DataType.FLOAT), listeners);
    }

    private static NeuralNetConfiguration.Builder common(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).activation(Activation.IDENTITY);
    }
}
