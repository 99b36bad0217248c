package dev.jvmgan.run;

import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.InstanceNoiseConfig;
import dev.jvmgan.config.LossConfig;
import dev.jvmgan.config.PenaltyConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.config.TrainConfig;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ResumeTest}'s stop-and-resume with the training algorithm's random streams and schedules on: N iterations,
 * a stop, a resume and N more equal 2N straight, bit for bit.
 */
class AlgorithmResumeTest {
    private static final int N = ResumeTest.HALF;

    /**
     * The tiny run with an algorithm whose every part draws random numbers or counts steps: DiffAugment's stream,
     * instance noise's, WGAN-GP's interpolation weights with 2 critic steps per G step; or a smoothed loss with lazy
     * R1 every 3 D steps, so a Dreg falls on each side of the stop at 5.
     */
    static RunConfig algorithmConfig(Path images, Path runs, String which) {
        RunConfig base = ResumeTest.config(images, runs, ActivationType.LEAKYRELU);
        TrainConfig t = base.train();
        TrainConfig train = switch (which) {
            case "critic" -> new TrainConfig(t.iterations(), t.batchSize(), 2, t.seed(), t.g(), t.d())
                    .withAlgorithm(LossConfig.of(LossConfig.Type.WGAN), PenaltyConfig.wganGp(10, 1),
                            List.of("color", "translation", "cutout"), new InstanceNoiseConfig(0.3, 7));
            case "lazy-r1" -> t.withAlgorithm(new LossConfig(LossConfig.Type.NS, 0.9), PenaltyConfig.r1(0.5, 3),
                    List.of("translation"), t.instanceNoise());
            default -> throw new IllegalArgumentException(which);
        };
        return new RunConfig(base.name(), base.data(), base.model(), train, base.output(), base.monitors());
    }

    @ParameterizedTest
    @ValueSource(strings = {"critic", "lazy-r1"})
    void stopAndResumeIsBitwiseWithEveryPartOfTheAlgorithmOn(String which, @TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 16);
        Path straight = new TrainingRun(algorithmConfig(images, tmp.resolve("a"), which), false).run();
        Path resumed = ResumeTest.stopAndResume(algorithmConfig(images, tmp.resolve("b"), which));

        Checkpoint expected = Checkpoint.read(Checkpoints.file(straight, 2 * N), true);
        Checkpoint actual = Checkpoint.read(Checkpoints.file(resumed, 2 * N), true);
        assertThat(actual.generator().params()).isEqualTo(expected.generator().params());
        assertThat(actual.discriminator().params()).isEqualTo(expected.discriminator().params());
        assertThat(((NeuralNetwork) actual.discriminator()).updaterState())
                .isEqualTo(((NeuralNetwork) expected.discriminator()).updaterState());
        assertThat(actual.resumeState()).isEqualTo(expected.resumeState());
        assertThat(actual.resumeState().keySet()).containsAll(which.equals("critic")
                ? List.of("diffAugment", "instanceNoise", "wganGp") : List.of("diffAugment"));
        assertThat(ResumeTest.trainRecords(resumed)).isEqualTo(ResumeTest.trainRecords(straight));
        assertThat(ResumeTest.records(resumed, "monitor")).isEqualTo(ResumeTest.records(straight, "monitor"));
        int dUpdates = which.equals("critic") ? 2 * 2 * N : 2 * N + (2 * N) / 3;
        assertThat(((MultiLayerNetwork) actual.discriminator()).getIterationCount())
                .as("D updates, Dreg's included").isEqualTo(dUpdates);
    }
}
