package dev.jvmgan.run;

import dev.jvmgan.batchnorm.RunningStatistics;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.config.EmaConfig;
import dev.jvmgan.config.OutputConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.image.ImageGrid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator's moving average in a tiny run (batch 4, batch norm in G), checkpointed every iteration: its first
 * three steps by hand, batch norm's statistics copied, and that it changes what the grids show but not training.
 */
class EmaRunTest {
    /** Half-life 8 images, ramp-up 0.5: beta 0, then 0.5^(4 / min(8, 4 * 0.5)) = 0.25, then 0.5^(4 / 4) = 0.5. */
    static final EmaConfig EMA = new EmaConfig(8, 0.5);
    static final double[] BETAS = {0, 0.25, 0.5};

    @TempDir
    static Path tmp;
    static Path withAverage;
    static Path without;

    static RunConfig config(Path images, Path runs, EmaConfig ema) {
        RunConfig tiny = TinyRuns.config(images, runs, 3);
        return new RunConfig(tiny.name(), tiny.data(), tiny.model(), tiny.train().withEma(ema),
                new OutputConfig(runs.toString(), 1, 1, 1, 10, "none", "min"), tiny.monitors());
    }

    @BeforeAll
    static void trainTwice() throws IOException {
        Path images = TinyRuns.idxImages(tmp, 16, 21);
        withAverage = new TrainingRun(config(images, tmp.resolve("a"), EMA), false).run();
        without = new TrainingRun(config(images, tmp.resolve("b"), EmaConfig.off()), false).run();
    }

    private static Checkpoint at(Path run, int iteration) throws IOException {
        return Checkpoint.read(Checkpoints.file(run, iteration), false);
    }

    @Test
    void theFirstThreeStepsFollowTheScheduleByHandAndCopyBatchNormStatistics() throws IOException {
        float[] previous = null;
        for (int iteration = 1; iteration <= 3; iteration++) {
            Checkpoint checkpoint = at(withAverage, iteration);
            float[] g = checkpoint.generator().params().dup().data().asFloat();
            float[] ema = checkpoint.generatorEma().orElseThrow().params().dup().data().asFloat();
            RunningStatistics statistics = RunningStatistics.of(checkpoint.generator());
            assertThat(statistics.count()).as("G has batch norm").isPositive();
            double beta = BETAS[iteration - 1];
            double worst = 0;
            double moved = 0;
            for (int i = 0; i < g.length; i++) {
                if (statistics.contains(i)) {
                    assertThat(ema[i]).as("running statistic %d, copied", i).isEqualTo(g[i]);
                    continue;
                }
                double expected = iteration == 1 ? g[i] : g[i] + beta * (previous[i] - g[i]);
                // float32 arithmetic: a rounding or two, at the scale of the operands.
                float scale = iteration == 1 ? Math.abs(g[i]) : Math.max(Math.abs(g[i]), Math.abs(previous[i]));
                worst = Math.max(worst, Math.abs(ema[i] - expected) / Math.ulp(scale));
                moved = Math.max(moved, Math.abs(ema[i] - g[i]));
            }
            assertThat(worst).as("iteration %d, in float32 ulps", iteration).isLessThanOrEqualTo(2);
            if (iteration == 1) {
                assertThat(ema).as("beta 0: a copy of G").containsExactly(g);
            } else {
                assertThat(moved).as("the average lags G").isGreaterThan(1e-6);
            }
            previous = ema;
        }
    }

    @Test
    void theAverageDoesNotChangeTraining() throws IOException {
        Checkpoint a = at(withAverage, 3);
        Checkpoint b = at(without, 3);
        assertThat(a.generator().params()).isEqualTo(b.generator().params());
        assertThat(a.discriminator().params()).isEqualTo(b.discriminator().params());
        assertThat(b.generatorEma()).isEmpty();
        assertThat(a.resumeState()).isEqualTo(b.resumeState());
    }

    @Test
    void sampleGridsShowTheAverageAndGanSampleRedrawsThem() throws IOException {
        Path written = withAverage.resolve(SampleGridListener.DIRECTORY).resolve("iter-0000003.png");
        Sampling average = Sampling.open(withAverage);
        Sampling raw = Sampling.open(withAverage, false);
        assertThat(average.fromAverage()).isTrue();
        assertThat(raw.fromAverage()).isFalse();
        Path redrawn = tmp.resolve("average.png");
        Path rawGrid = tmp.resolve("raw.png");
        ImageGrid.writePng(average.trainingGrid(average.visibleScale()), redrawn);
        ImageGrid.writePng(raw.trainingGrid(raw.visibleScale()), rawGrid);
        assertThat(Files.readAllBytes(redrawn)).isEqualTo(Files.readAllBytes(written));
        assertThat(Files.readAllBytes(rawGrid)).isNotEqualTo(Files.readAllBytes(written));

        Path plain = without.resolve(SampleGridListener.DIRECTORY).resolve("iter-0000003.png");
        assertThat(Files.readAllBytes(rawGrid)).as("the raw G is the same G in both runs")
                .isEqualTo(Files.readAllBytes(plain));
        assertThat(Sampling.open(without).fromAverage()).as("a run without an average").isFalse();
    }
}
