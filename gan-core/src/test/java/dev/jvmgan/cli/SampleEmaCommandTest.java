package dev.jvmgan.cli;

import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.cli.GanCliTest.Outcome;
import dev.jvmgan.run.SampleLatents;
import dev.jvmgan.run.Sampling;
import dev.jvmgan.run.TinyRuns;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.jvmgan.cli.GanCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gan sample} draws from the generator's moving average when the run kept one, from G with {@code --no-ema},
 * and from G with a note for a checkpoint without an average.
 */
class SampleEmaCommandTest {
    @TempDir
    static Path shared;
    static Path withAverage;
    static Path without;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainTwoTinyRuns() throws Exception {
        Path images = TinyRuns.idxImages(shared, 16, 6);
        String plain = GanCliTest.tinyYaml(images, shared.resolve("runs"));
        String averaged = plain.replace("train: {iterations: 4, batchSize: 4, seed: 3}",
                "train: {iterations: 4, batchSize: 4, seed: 3, ema: {halfLifeImages: 16, rampUp: 0}}");
        assertThat(averaged).isNotEqualTo(plain);
        Path a = Files.writeString(shared.resolve("ema.yaml"), averaged);
        Path b = Files.writeString(shared.resolve("plain.yaml"), plain);
        Outcome first = run("train", a.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        Outcome second = run("train", b.toString());
        assertThat(second.exitCode()).as(second.err()).isZero();
        withAverage = shared.resolve("runs/00000-ema");
        without = shared.resolve("runs/00001-plain");
    }

    private static Outcome sample(Path runDir, String... args) {
        Outcome outcome = GanCliTest.sample(runDir, args);
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        return outcome;
    }

    private static List<byte[]> pngs(Path dir, int n) throws IOException {
        List<byte[]> files = new java.util.ArrayList<>();
        for (int seed = 0; seed < n; seed++) {
            files.add(Files.readAllBytes(dir.resolve(Sampling.seedFileName(seed))));
        }
        return files;
    }

    @Test
    void theAverageByDefaultAndGItselfWithNoEma() throws IOException {
        Outcome average = sample(withAverage, "--single", tmp.resolve("ema").toString(), "--n", "3");
        Outcome raw = sample(withAverage, "--single", tmp.resolve("raw").toString(), "--n", "3", "--no-ema");

        assertThat(average.out()).contains("from ").contains("iter-0000004.zip (the moving average of G)");
        assertThat(raw.out()).contains("iter-0000004.zip (G, not its moving average)");
        assertThat(average.err()).doesNotContain("note:");
        List<byte[]> fromAverage = pngs(tmp.resolve("ema"), 3);
        List<byte[]> fromG = pngs(tmp.resolve("raw"), 3);
        for (int i = 0; i < 3; i++) {
            assertThat(fromAverage.get(i)).as("seed %d", i).isNotEqualTo(fromG.get(i));
        }

        // --no-ema is G's own output: the checkpoint's generator run by DL4J directly, one latent per pass.
        MultiLayerNetwork g = (MultiLayerNetwork) Checkpoint.read(Checkpoints.file(withAverage, 4), false).generator();
        INDArray[] images = new INDArray[3];
        for (int seed = 0; seed < 3; seed++) {
            INDArray z = Nd4j.create(SampleLatents.ofSeed(4, seed), new long[]{1, 4}, DataType.DOUBLE)
                    .castTo(DataType.FLOAT);
            images[seed] = g.output(z, false);
        }
        Path expected = tmp.resolve("expected");
        Sampling.writeSingles(Nd4j.concat(0, images), expected,
                List.of(Sampling.seedFileName(0), Sampling.seedFileName(1), Sampling.seedFileName(2)), 1);
        List<byte[]> direct = pngs(expected, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(fromG.get(i)).as("seed %d", i).isEqualTo(direct.get(i));
        }
    }

    @Test
    void aCheckpointWithoutAnAverageSamplesGWithANote() throws IOException {
        Path grid = tmp.resolve("grid.png");
        Path rawGrid = tmp.resolve("raw.png");
        Outcome outcome = sample(without, "--out", grid.toString(), "--n", "4");
        sample(without, "--out", rawGrid.toString(), "--n", "4", "--no-ema");

        assertThat(outcome.err()).contains("note: " + Checkpoints.file(without, 4)
                + " has no moving average of G (train.ema was off, or the checkpoint is older): the images are G's own");
        assertThat(outcome.out()).doesNotContain("moving average");
        assertThat(Files.readAllBytes(grid)).isEqualTo(Files.readAllBytes(rawGrid));
    }

    @Test
    void theTrainingGridOfARunWithAnAverageIsRedrawnFromTheAverage() throws IOException {
        Path redrawn = tmp.resolve("grid.png");
        sample(withAverage, "--training-grid", "--out", redrawn.toString());
        assertThat(Files.readAllBytes(redrawn))
                .isEqualTo(Files.readAllBytes(withAverage.resolve("samples/iter-0000004.png")));
    }
}
