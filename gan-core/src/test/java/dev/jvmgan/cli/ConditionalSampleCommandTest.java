package dev.jvmgan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmgan.backend.ImageGeneratorNetwork;
import dev.jvmgan.backend.TrainableNetwork;
import dev.jvmgan.checkpoint.Checkpoint;
import dev.jvmgan.checkpoint.Checkpoints;
import dev.jvmgan.cli.GanCliTest.Outcome;
import dev.jvmgan.image.ImageGrid;
import dev.jvmgan.model.ImageShape;
import dev.jvmgan.run.SampleLatents;
import dev.jvmgan.run.TinyRuns;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.jvmgan.cli.GanCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code gan sample} and {@code gan eval} on one tiny class-conditional run (3 classes, 8x8 grey, latent 4). */
class ConditionalSampleCommandTest {
    @TempDir
    static Path shared;
    static Path runDir;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainTinyConditionalRun() throws Exception {
        Path images = TinyRuns.labelledIdxImages(shared, 16, 3, 5);
        Path yaml = shared.resolve("tiny.yaml");
        Files.writeString(yaml, GanCliTest.tinyYaml(images, shared.resolve("runs"))
                .replace("model:\n", "model:\n  conditional: true\n"));
        Outcome train = run("train", yaml.toString(), "--iterations", "2");
        assertThat(train.exitCode()).as(train.err()).isZero();
        runDir = shared.resolve("runs/00000-tiny");
    }

    private Outcome sample(String... args) {
        Outcome outcome = GanCliTest.sample(runDir, args);
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        return outcome;
    }

    private Outcome refused(String... args) {
        Outcome outcome = GanCliTest.sample(runDir, args);
        assertThat(outcome.exitCode()).as(outcome.out()).isEqualTo(GanCli.USAGE);
        assertThat(outcome.err()).doesNotContain("\tat ").doesNotContain("Exception");
        return outcome;
    }

    /** The image of seed {@code seed} made as class {@code k}, straight from the checkpoint's generator. */
    private static BufferedImage fromTheGenerator(long seed, int k) throws IOException {
        TrainableNetwork g = Checkpoint.read(Checkpoints.resolve(runDir), false).generator(true).network();
        INDArray z = Nd4j.create(SampleLatents.ofSeed(4, seed), new long[] {1, 4}, DataType.DOUBLE)
                .castTo(g.params().dataType());
        return ImageGrid.single(new ImageGeneratorNetwork(g, new ImageShape(1, 8)).output(z, new int[] {k}), 0);
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static int[] pixels(BufferedImage image, int y, int height) {
        return image.getRGB(0, y, image.getWidth(), height, null, 0, image.getWidth());
    }

    @Test
    void classPicksTheSeedsLatentAndTheLabel() throws IOException {
        Path dir = tmp.resolve("one");
        Outcome outcome = sample("--single", dir.toString(), "--n", "1", "--seed", "7", "--class", "2");

        BufferedImage written = ImageIO.read(dir.resolve("seed0007-class2.png").toFile());
        assertThat(outcome.out()).contains("class 2");
        assertThat(pixels(written)).isEqualTo(pixels(fromTheGenerator(7, 2)));
        // The label must matter, or the comparison above could not tell class 2 from another.
        assertThat(pixels(written)).isNotEqualTo(pixels(fromTheGenerator(7, 1)));
    }

    @Test
    void withoutClassSeedSIsMadeAsClassSModK() throws IOException {
        Path all = tmp.resolve("all");
        sample("--single", all.toString(), "--n", "3", "--seed", "3");
        for (int seed = 3; seed < 6; seed++) {
            BufferedImage written = ImageIO.read(all.resolve(String.format("seed%04d.png", seed)).toFile());
            assertThat(pixels(written)).as("seed " + seed).isEqualTo(pixels(fromTheGenerator(seed, seed % 3)));
            assertThat(pixels(written)).as("seed " + seed).isNotEqualTo(pixels(fromTheGenerator(seed, (seed + 1) % 3)));
        }
    }

    @Test
    void perClassRowsAreTheSingleClassGridsOfTheSameSeeds() throws IOException {
        Path perClass = tmp.resolve("per-class.png");
        Outcome outcome = sample("--per-class", "--n", "2", "--seed", "4", "--scale", "1", "--out", perClass.toString());
        assertThat(outcome.out()).contains("2 images per class, seeds 4-5").contains("one row per class: 0, 1, 2");
        BufferedImage grid = ImageIO.read(perClass.toFile());
        int row = 8 + 2;
        assertThat(grid.getHeight()).isEqualTo(3 * row + 2);
        for (int k = 0; k < 3; k++) {
            Path one = tmp.resolve("class" + k + ".png");
            sample("--class", Integer.toString(k), "--n", "2", "--seed", "4", "--scale", "1", "--out", one.toString());
            BufferedImage single = ImageIO.read(one.toFile());
            assertThat(single.getHeight()).isEqualTo(row + 2);
            assertThat(pixels(grid, k * row, row + 2)).as("row " + k).isEqualTo(pixels(single));
        }
        assertThat(pixels(grid, 0, row)).isNotEqualTo(pixels(grid, row, row));
        assertThat(pixels(grid, row, row)).isNotEqualTo(pixels(grid, 2 * row, row));
    }

    @Test
    void anInterpolationIsMadeAsTheGivenClassAndEndsAtItsSeeds() throws IOException {
        Path strip = tmp.resolve("frames");
        sample("--interpolate", "1,2", "--steps", "3", "--class", "0", "--single", strip.toString());
        assertThat(pixels(ImageIO.read(strip.resolve("seed0001-to-seed0002-class0-0000.png").toFile())))
                .isEqualTo(pixels(fromTheGenerator(1, 0)));
        assertThat(pixels(ImageIO.read(strip.resolve("seed0001-to-seed0002-class0-0002.png").toFile())))
                .isEqualTo(pixels(fromTheGenerator(2, 0)));
    }

    @Test
    void unknownClassesAndAnInterpolationWithoutOneAreRefusedListingTheClasses() {
        String out = tmp.resolve("x.png").toString();
        assertThat(refused("--class", "cat", "--out", out).err())
                .contains("--class cat: no class 'cat': give an index or a name of 0, 1, 2");
        assertThat(refused("--class", "3", "--out", out).err())
                .contains("--class 3: class 3 is out of range: this generator has 3 classes, 0 to 2");
        assertThat(refused("--interpolate", "1,2", "--out", out).err())
                .contains("is class-conditional: an interpolation walks the latents within one class; give --class K,"
                        + " one of 0, 1, 2");
        assertThat(refused("--per-class", "--n", "2000", "--out", out).err())
                .contains("--per-class with --n 2000 draws 3 rows of 2000 images, more than 4096");
        assertThat(tmp.resolve("x.png")).doesNotExist();
    }

    @Test
    void theTrainingGridOfAConditionalCheckpointIsTheOneTrainingWrote() throws IOException {
        Outcome outcome = GanCliTest.sample(runDir, "--training-grid", "--out", tmp.resolve("g.png").toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        // One row per class, as training draws it; byte for byte the grid of the checkpoint's iteration.
        assertThat(Files.readAllBytes(tmp.resolve("g.png")))
                .isEqualTo(Files.readAllBytes(runDir.resolve("samples/iter-0000002.png")));
    }

    @Test
    void evalOfAConditionalCheckpointAddsPerClassScoresToItsJsonAndEvalJsonl() throws IOException {
        Outcome outcome = run("eval", runDir.toString(), "--n", "10", "--cache-dir", tmp.toString(), "--json");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();

        JsonNode record = new ObjectMapper().readTree(outcome.out()).get(0);
        assertThat(record.get("fakes").asText()).isEqualTo("seeds 0-9, seed s as class s mod 3");
        assertThat(record.get("classAgreement").isNumber()).isTrue();
        assertThat(record.get("meanIntraFd").isNumber()).isTrue();
        assertThat(record.get("realClassAgreement").isNumber()).isTrue();
        JsonNode perClass = record.get("perClass");
        assertThat(perClass).hasSize(3);
        // Seeds 0-9 as class s mod 3: 0, 3, 6, 9 are class 0; the reference is the 16 labelled training images.
        byte[] labels = Files.readAllBytes(shared.resolve("tiny-labels-idx1-ubyte"));
        for (int k = 0; k < 3; k++) {
            int real = 0;
            for (int i = 8; i < labels.length; i++) {
                real += labels[i] == k ? 1 : 0;
            }
            assertThat(perClass.get(k).get("class").asText()).isEqualTo(Integer.toString(k));
            assertThat(perClass.get(k).get("generated").asInt()).isEqualTo(k == 0 ? 4 : 3);
            assertThat(perClass.get(k).get("real").asInt()).isEqualTo(real);
            assertThat(perClass.get(k).has("agreement")).isTrue();
            assertThat(perClass.get(k).has("realAgreement")).isTrue();
            assertThat(perClass.get(k).has("intraFd")).isTrue();
        }
        List<String> history = Files.readAllLines(runDir.resolve("eval.jsonl"));
        JsonNode kept = new ObjectMapper().readTree(history.get(history.size() - 1));
        assertThat(kept.get("perClass")).hasSize(3);
        assertThat(kept.get("realClassAgreement")).isEqualTo(record.get("realClassAgreement"));

        Outcome table = run("eval", runDir.toString(), "--n", "10", "--cache-dir", tmp.toString());
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("per class, ").contains("class  agreement  real agreement   intra-FD  n (generated vs real)")
                .contains("all  ");
    }

    @Test
    void aRunWhoseDiscriminatorAloneTookTheLabelsHasNoClassesToSampleOrScoreBy() throws Exception {
        Path images = TinyRuns.labelledIdxImages(tmp, 16, 3, 6);
        Path yaml = tmp.resolve("tiny.yaml");
        Files.writeString(yaml, GanCliTest.tinyYaml(images, tmp.resolve("runs"))
                .replace("discriminator: {widths: [4, 8]}", "discriminator: {widths: [4, 8], conditional: true}"));
        Outcome train = run("train", yaml.toString(), "--iterations", "2");
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path dOnly = tmp.resolve("runs/00000-tiny");

        for (String[] args : new String[][] {{"--class", "0"}, {"--per-class", "--scale=1"}}) {
            Outcome outcome = GanCliTest.sample(dOnly, args[0], args[1], "--out", tmp.resolve("c.png").toString());
            assertThat(outcome.exitCode()).isEqualTo(GanCli.USAGE);
            assertThat(outcome.err()).contains(": its generator is not class-conditional (its run had "
                    + "model.conditional: false, or model.generator.conditional: false): " + args[0]
                    + " needs a checkpoint whose generator takes the class").doesNotContain("\tat ");
        }
        // Its G is sampled as an unconditional one; gan eval scores it without per-class scores.
        assertThat(GanCliTest.sample(dOnly, "--n", "4", "--out", tmp.resolve("g.png").toString()).exitCode())
                .isZero();
        Outcome eval = run("eval", dOnly.toString(), "--n", "10", "--json", "--cache-dir", tmp.resolve("cache")
                .toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        JsonNode record = new ObjectMapper().readTree(eval.out()).get(0);
        assertThat(record.get("fd").isNumber()).isTrue();
        assertThat(record.has("classAgreement")).isFalse();
        assertThat(record.has("perClass")).isFalse();
    }
}
