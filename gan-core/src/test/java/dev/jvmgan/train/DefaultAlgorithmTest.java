package dev.jvmgan.train;

import dev.jvmgan.augment.InputTransform;
import dev.jvmgan.loss.NonSaturating;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default algorithm (non-saturating loss, no penalty, D's inputs as they are) trains bit for bit as the loop did
 * before it became phases ({@link LegacyLoop}), with one or several D steps per G step, and so does
 * {@link Algorithm#of} with the same loss and the identity written out.
 */
class DefaultAlgorithmTest {
    private static final int ITERATIONS = 6;

    @ParameterizedTest(name = "dStepsPerGStep {0}")
    @ValueSource(ints = {1, 3})
    void theDefaultAlgorithmIsTheOldLoopBitForBit(int dStepsPerGStep) {
        INDArray[] legacy = trainLegacy(dStepsPerGStep);

        TrainingSession session = TinyGan.session(dStepsPerGStep);
        TinyGan.trainer(session, Algorithm.dcgan(dStepsPerGStep), List.of()).run(ITERATIONS);
        TrainingSession written = TinyGan.session(dStepsPerGStep);
        TinyGan.trainer(written, Algorithm.of(new NonSaturating(1.0), dStepsPerGStep, InputTransform.identity()),
                List.of()).run(ITERATIONS);

        for (TrainingSession s : List.of(session, written)) {
            assertThat(s.generator().params()).isEqualTo(legacy[0]);
            assertThat(s.discriminator().params()).isEqualTo(legacy[1]);
            assertThat(s.generator().updateCount()).isEqualTo(ITERATIONS);
            assertThat(s.discriminator().updateCount()).isEqualTo((long) ITERATIONS * dStepsPerGStep);
        }
    }

    /** G's and D's parameters after the old loop on the same tiny GAN, batches and latents. */
    private static INDArray[] trainLegacy(int dStepsPerGStep) {
        MultiLayerNetwork g = TinyGan.generator(Activation.RELU.getActivationFunction());
        MultiLayerNetwork d = TinyGan.discriminator();
        TrainingSession session = TinyGan.session(g, d);
        Nd4j.getRandom().setSeed(3);
        INDArray real = TinyGan.realBatch();
        new LegacyLoop(session.generator(), session.discriminator(), dStepsPerGStep, TinyGan.BATCH, () -> real,
                new Latents(TinyGan.LATENT, 5, DataType.FLOAT)).run(ITERATIONS);
        return new INDArray[]{g.params().dup(), d.params().dup()};
    }
}
