package dev.jvmgan.train;

import dev.jvmgan.augment.DiffAugment;
import dev.jvmgan.augment.InputTransform;
import dev.jvmgan.augment.InstanceNoise;
import dev.jvmgan.augment.Transformed;
import dev.jvmgan.backend.ImageGeneratorNetwork;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.loss.GanLoss;
import dev.jvmgan.loss.NonSaturating;
import dev.jvmgan.model.ImageShape;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What D sees in the loop: G learns through DiffAugment (the gradient G receives is the exact chain through the
 * augmentation, against finite differences in double), and instance noise is added to D's inputs and fades out.
 */
class DInputsTest {
    private static final ImageShape RGB = new ImageShape(3, 4);
    private static final int BATCH = 3;

    private static NeuralNetConfiguration.Builder doubles(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE).updater(new Sgd(0.1))
                .weightInit(WeightInit.XAVIER);
    }

    /** G: z (4) -> 6 tanh -> 3x4x4 tanh; smooth, so central differences have no kinks to cross. */
    private static MultiLayerNetwork smoothGenerator() {
        MultiLayerNetwork g = new MultiLayerNetwork(doubles(1).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(RGB.pixels()).activation(Activation.TANH).build())
                .setInputType(InputType.feedForward(4)).build());
        g.init();
        return g;
    }

    /** D: 3x4x4 -> 6 tanh -> logit. */
    private static MultiLayerNetwork smoothDiscriminator() {
        MultiLayerNetwork d = new MultiLayerNetwork(doubles(2).list()
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(RGB.size(), RGB.size(), RGB.channels())).build());
        d.init();
        return d;
    }

    /** The gradient Gmain's term leaves in G, with D's inputs through {@code transform}. */
    private static INDArray generatorGradient(MultiLayerNetwork gNet, TrainableNetwork d, INDArray z,
                                              InputTransform transform) {
        TrainableNetwork g = new ImageGeneratorNetwork(TrainableNetworks.of(gNet), RGB);
        Transformed seen = transform.apply(g.forward(z), 0);
        new GeneratorLoss(new NonSaturating()).accumulate(new Step(1, 1, g, d, seen, seen), new IterationResults());
        g.pendingGradients();
        INDArray gradient = gNet.getGradientsViewArray().dup();
        g.applyUpdate();
        return gradient;
    }

    @Test
    void gLearnsThroughDiffAugmentWithTheExactChainedGradient() {
        MultiLayerNetwork gNet = smoothGenerator();
        TrainableNetwork d = TrainableNetworks.of(smoothDiscriminator());
        Nd4j.getRandom().setSeed(7);
        INDArray z = Nd4j.randn(DataType.DOUBLE, BATCH, 4);
        DiffAugment augment = DiffAugment.policy("color,translation,cutout", 11);
        long draws = augment.state();
        INDArray theta = gNet.params().dup();

        INDArray analytic = generatorGradient(gNet, d, z, augment);
        gNet.setParams(theta.dup());
        INDArray unaugmented = generatorGradient(gNet, d, z, InputTransform.identity());
        gNet.setParams(theta.dup());

        GanLoss loss = new NonSaturating();
        TrainableNetwork g = new ImageGeneratorNetwork(TrainableNetworks.of(gNet), RGB);
        double h = 1e-6;
        double worst = 0;
        int checked = 0;
        // Every third parameter: each layer's weights and biases, a few hundred host-side augmentations in all.
        for (int i = 0; i < theta.length(); i += 3, checked++) {
            double[] at = new double[2];
            for (int side = 0; side < 2; side++) {
                INDArray shifted = theta.dup();
                shifted.putScalar(i, theta.getDouble(i) + (side == 0 ? h : -h));
                gNet.setParams(shifted);
                augment.restore(draws);
                Transformed seen = augment.apply(g.output(z), 0);
                at[side] = loss.generator(d.output(seen.images())).loss();
            }
            double numeric = (at[0] - at[1]) / (2 * h);
            worst = Math.max(worst, Math.abs(numeric - analytic.getDouble(i)));
        }
        assertThat(worst).as("largest gap to central differences over %d parameters", checked)
                .isLessThan(1e-8);
        assertThat(analytic.sub(unaugmented).norm2Number().doubleValue())
                .as("the augmentation changes what G learns, so the test can tell a missing backward")
                .isGreaterThan(0.1 * unaugmented.norm2Number().doubleValue());
    }

    @Test
    void instanceNoiseIsAddedToWhatDSeesAndFadesOutAtItsIteration() {
        TrainingSession session = TinyGan.session(1);
        List<INDArray> dInputsOnReal = new ArrayList<>();
        TrainingListener watch = new TrainingListener() {
            @Override
            public boolean wantsInspection(long iteration) {
                return true;
            }

            @Override
            public void inspected(TrainingSession s, IterationStats stats, Inspection inspection) {
                dInputsOnReal.add(inspection.dInputsOnReal().get("fc1").dup());
            }
        };
        TinyGan.trainer(session, Algorithm.of(new NonSaturating(), 1, new InstanceNoise(0.5, 4, 23)),
                List.of(watch)).run(6);

        Nd4j.getRandom().setSeed(3);
        INDArray real = TinyGan.realBatch().reshape('c', TinyGan.BATCH, -1);
        InstanceNoise sameDraws = new InstanceNoise(0.5, 4, 23);
        INDArray fakeShaped = Nd4j.zeros(DataType.FLOAT, TinyGan.BATCH, 1, 4, 4);
        for (int t = 0; t < 6; t++) {
            INDArray expected = sameDraws.apply(real.reshape('c', TinyGan.BATCH, 1, 4, 4), t).images();
            sameDraws.apply(fakeShaped, t);
            INDArray seen = dInputsOnReal.get(t).reshape('c', TinyGan.BATCH, -1);
            assertThat(seen).as("iteration %d: real images plus this stream's noise", t + 1)
                    .isEqualTo(expected.reshape('c', TinyGan.BATCH, -1));
            double noise = seen.sub(real).castTo(DataType.DOUBLE).stdNumber().doubleValue();
            if (t < 4) {
                assertThat(noise).as("iteration %d: sigma_t = 0.5 (1 - t/4)", t + 1)
                        .isCloseTo(0.5 * (1 - t / 4.0), within(0.5 * 0.4 * (1 - t / 4.0)));
            } else {
                assertThat(seen).as("iteration %d: no noise from T on", t + 1).isEqualTo(real);
            }
        }
    }
}
