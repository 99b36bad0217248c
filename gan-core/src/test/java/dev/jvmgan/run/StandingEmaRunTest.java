package dev.jvmgan.run;

import dev.jvmgan.batchnorm.RunningStatistics;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.ActivationType;
import dev.jvmgan.config.EmaConfig;
import dev.jvmgan.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.jvmgan.run.ResumeTest.HALF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train.ema.standingStats}: the average's batch-norm statistics recomputed wherever it is saved or drawn,
 * in {@link ResumeTest}'s tiny run (checkpoints every 3 iterations, grids every 4, 10 iterations, G with batch norm).
 */
class StandingEmaRunTest {
    private static final int STANDING = 3;

    static RunConfig config(Path images, Path runs, int standing) {
        RunConfig plain = ResumeTest.config(images, runs, ActivationType.LEAKYRELU);
        return new RunConfig(plain.name(), plain.data(), plain.model(),
                plain.train().withEma(new EmaConfig(20, 0.5, standing)), plain.output(), plain.monitors());
    }

    @Test
    void checkpointsHoldTheAveragesOwnStatisticsAndTrainingIsUnchanged(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 31);
        RunConfig standingConfig = config(images, tmp.resolve("a"), STANDING);
        Path standing = new TrainingRun(standingConfig, false).run();
        Path copied = new TrainingRun(config(images, tmp.resolve("b"), 0), false).run();

        for (int iteration : new int[] {6, 9, 2 * HALF}) { // the three newest checkpoints
            Checkpoint s = Checkpoint.read(Checkpoints.file(standing, iteration), false);
            Checkpoint c = Checkpoint.read(Checkpoints.file(copied, iteration), false);
            assertThat(s.generator().params()).as("G, iteration %d", iteration).isEqualTo(c.generator().params());
            assertThat(s.discriminator().params()).isEqualTo(c.discriminator().params());
            RunningStatistics statistics = RunningStatistics.of(s.generator());
            assertThat(statistics.count()).as("G has batch norm").isPositive();
            float[] g = s.generator().params().dup().data().asFloat();
            float[] averageCopied = c.generatorEma().orElseThrow().params().dup().data().asFloat();
            INDArray savedStanding = s.generatorEma().orElseThrow().params().dup();
            float[] averageStanding = savedStanding.data().asFloat();
            int differ = 0;
            for (int i = 0; i < g.length; i++) {
                if (statistics.contains(i)) {
                    assertThat(averageCopied[i]).as("copied statistic %d", i).isEqualTo(g[i]);
                    differ += averageStanding[i] != g[i] ? 1 : 0;
                } else {
                    assertThat(averageStanding[i]).as("averaged parameter %d", i).isEqualTo(averageCopied[i]);
                }
            }
            assertThat(differ).as("standing statistics, iteration %d", iteration).isEqualTo(statistics.count());

            // They are the average's own: standing it again from the checkpoint gives the same bits.
            Checkpoint.SampledGenerator average = s.generator(true);
            StandingGenerator.stand(average.network(), standingConfig.model().latentDim(),
                    standingConfig.train().batchSize(), STANDING);
            assertThat(average.network().params()).isEqualTo(savedStanding);
        }
    }

    @Test
    void stopAndResumeIsBitwiseTheUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path images = TinyRuns.idxImages(tmp, 16, 32);
        Path straight = new TrainingRun(config(images, tmp.resolve("a"), STANDING), false).run();
        Path resumed = ResumeTest.stopAndResume(config(images, tmp.resolve("b"), STANDING));

        Checkpoint expected = Checkpoint.read(Checkpoints.file(straight, 2 * HALF), true);
        Checkpoint actual = Checkpoint.read(Checkpoints.file(resumed, 2 * HALF), true);
        assertThat(actual.generator().params()).isEqualTo(expected.generator().params());
        assertThat(actual.discriminator().params()).isEqualTo(expected.discriminator().params());
        assertThat(actual.generatorEma().orElseThrow().params())
                .isEqualTo(expected.generatorEma().orElseThrow().params());
        assertThat(actual.resumeState()).isEqualTo(expected.resumeState());
        String lastGrid = String.format("iter-%07d.png", 8);
        assertThat(Files.readAllBytes(resumed.resolve(SampleGridListener.DIRECTORY).resolve(lastGrid)))
                .isEqualTo(Files.readAllBytes(straight.resolve(SampleGridListener.DIRECTORY).resolve(lastGrid)));
    }
}
