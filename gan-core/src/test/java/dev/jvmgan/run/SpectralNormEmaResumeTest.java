package dev.jvmgan.run;

import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.EmaConfig;
import dev.jvmgan.config.ModelConfig;
import dev.jvmgan.config.RunConfig;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.jvmgan.run.ResumeTest.HALF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ResumeTest}'s stop-and-resume with spectral normalisation in both networks and the generator's moving
 * average on: u, v and the average must come back exactly, or the resumed run drifts from the straight one.
 */
class SpectralNormEmaResumeTest {

    static RunConfig config(Path images, Path runs) {
        RunConfig plain = ResumeTest.config(images, runs, ActivationType.LEAKYRELU);
        ModelConfig model = plain.model();
        return new RunConfig(plain.name(), plain.data(),
                new ModelConfig(model.latentDim(), model.generator().withSpectralNorm(true),
                        model.discriminator().withSpectralNorm(true)),
                plain.train().withEma(new EmaConfig(20, 0.5)), plain.output(), plain.monitors());
    }

    @Test
    void stopAndResumeIsBitwiseTheUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 17);
        Path straight = new TrainingRun(config(images, tmp.resolve("a")), false).run();
        Path resumed = ResumeTest.stopAndResume(config(images, tmp.resolve("b")));

        Checkpoint expected = Checkpoint.read(Checkpoints.file(straight, 2 * HALF), true);
        Checkpoint actual = Checkpoint.read(Checkpoints.file(resumed, 2 * HALF), true);
        assertThat(actual.spectralNorm().keySet()).containsExactly(Checkpoint.GENERATOR_NETWORK,
                Checkpoint.DISCRIMINATOR_NETWORK, Checkpoint.GENERATOR_EMA_NETWORK);
        assertThat(actual.spectralNorm(Checkpoint.DISCRIMINATOR_NETWORK)).containsOnlyKeys("conv1", "conv2", "logit");
        assertThat(actual.spectralNorm(Checkpoint.GENERATOR_NETWORK)).containsOnlyKeys("fc1", "deconv2", "deconv3");
        assertThat(actual.spectralNorm()).isEqualTo(expected.spectralNorm());
        assertThat(actual.generator().params()).isEqualTo(expected.generator().params());
        assertThat(actual.discriminator().params()).isEqualTo(expected.discriminator().params());
        assertThat(actual.generatorEma().orElseThrow().params())
                .isEqualTo(expected.generatorEma().orElseThrow().params());
        assertThat(((NeuralNetwork) actual.generator()).updaterState())
                .isEqualTo(((NeuralNetwork) expected.generator()).updaterState());
        assertThat(((NeuralNetwork) actual.discriminator()).updaterState())
                .isEqualTo(((NeuralNetwork) expected.discriminator()).updaterState());
        assertThat(actual.resumeState()).isEqualTo(expected.resumeState());
        assertThat(ResumeTest.trainRecords(resumed)).isEqualTo(ResumeTest.trainRecords(straight));
        String lastGrid = String.format("iter-%07d.png", 2 * HALF);
        assertThat(Files.readAllBytes(resumed.resolve(SampleGridListener.DIRECTORY).resolve(lastGrid)))
                .isEqualTo(Files.readAllBytes(straight.resolve(SampleGridListener.DIRECTORY).resolve(lastGrid)));
        assertThat(ResumeTest.records(resumed, "resume")).hasSize(1);

        // Read back for images, the average computes with the saved W_orig / sigma(u, v): the grid training drew.
        Sampling average = Sampling.open(resumed);
        Path redrawn = tmp.resolve("redrawn.png");
        dev.jvmgan.image.ImageGrid.writePng(average.trainingGrid(average.visibleScale()), redrawn);
        assertThat(Files.readAllBytes(redrawn))
                .isEqualTo(Files.readAllBytes(resumed.resolve(SampleGridListener.DIRECTORY).resolve(lastGrid)));
    }

    @Test
    void resumingARunWithoutThemStartsThePowerIterationsAndTheAverageAfresh(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 18);
        RunConfig before = ResumeTest.config(images, tmp.resolve("runs"), ActivationType.LEAKYRELU);
        ResumeTest.StopAt stop = new ResumeTest.StopAt(HALF);
        TrainingRun first = new TrainingRun(before, false).withListener(stop);
        stop.run = first;
        Path runDir = first.run();

        new TrainingRun(config(images, tmp.resolve("runs")), false)
                .resumingFrom(runDir, Checkpoints.loadLatest(runDir), List.of()).run();

        Checkpoint last = Checkpoint.read(Checkpoints.file(runDir, 2 * HALF), false);
        assertThat(last.generatorEma()).isPresent();
        assertThat(last.spectralNorm(Checkpoint.DISCRIMINATOR_NETWORK)).containsOnlyKeys("conv1", "conv2", "logit");
    }
}
