package dev.jvmgan.cli;

import dev.jvmgan.cli.GanCliTest.Outcome;
import dev.jvmgan.run.TinyRuns;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.jvmgan.cli.GanCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gan sample} end to end on one tiny trained run (8x8 grey images, latent 4): grids, single PNGs and
 * interpolation strips, and that seed S is the same image in all three.
 */
class SampleCommandTest {
    /** Tiles are 8x8 with 2 pixels of padding around and between them (at --scale 1). */
    private static final int TILE = 8;
    private static final int PAD = 2;
    /** The default scale of an --out grid of 8x8 tiles: the smallest that shows a tile at 84 px or more. */
    private static final int SHOWN = 11;

    @TempDir
    static Path shared;
    static Path runDir;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainTinyRun() throws Exception {
        Path images = TinyRuns.idxImages(shared, 16, 5);
        Path yaml = shared.resolve("tiny.yaml");
        Files.writeString(yaml, GanCliTest.tinyYaml(images, shared.resolve("runs")));
        Outcome train = run("train", yaml.toString(), "--iterations", "2");
        assertThat(train.exitCode()).as(train.err()).isZero();
        runDir = shared.resolve("runs/00000-tiny");
    }

    private Outcome sample(String... args) {
        Outcome outcome = GanCliTest.sample(runDir, args);
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        return outcome;
    }

    @Test
    void gridIsDeterministicForASeedAndDiffersForAnother() throws IOException {
        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        Path c = tmp.resolve("c.png");

        Outcome first = sample("--out", a.toString(), "--n", "4", "--seed", "10");
        sample("--out", b.toString(), "--n", "4", "--seed", "10");
        sample("--out", c.toString(), "--n", "4", "--seed", "11");

        assertThat(first.out()).contains("wrote " + a + ": 4 images, seeds 10-13, 11x, from ")
                .contains("iter-0000002.zip");
        BufferedImage grid = ImageIO.read(a.toFile());
        assertThat(grid.getWidth()).isEqualTo(SHOWN * (2 * (TILE + PAD) + PAD));
        assertThat(grid.getHeight()).isEqualTo(SHOWN * (2 * (TILE + PAD) + PAD));
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        assertThat(Files.readAllBytes(c)).isNotEqualTo(Files.readAllBytes(a));
    }

    @Test
    void singleWritesOnePngPerSeedAndEachIsItsGridTile() throws IOException {
        Path dir = tmp.resolve("pngs");
        Path grid = tmp.resolve("grid.png");

        Outcome single = sample("--single", dir.toString(), "--n", "3", "--seed", "41");
        sample("--out", grid.toString(), "--n", "3", "--seed", "41", "--scale", "1");

        assertThat(single.out()).contains("created directory " + dir.toAbsolutePath())
                .contains("wrote 3 PNGs to " + dir + " (seed0041.png to seed0043.png): 3 images, seeds 41-43");
        assertThat(names(dir)).containsExactly("seed0041.png", "seed0042.png", "seed0043.png");
        BufferedImage tiles = ImageIO.read(grid.toFile());
        for (int i = 0; i < 3; i++) {
            BufferedImage one = ImageIO.read(dir.resolve(String.format("seed%04d.png", 41 + i)).toFile());
            assertThat(one.getWidth()).isEqualTo(TILE);
            assertThat(pixels(one)).isEqualTo(pixels(tile(tiles, i % 2, i / 2)));
        }
        assertThat(pixels(tile(tiles, 0, 0))).isNotEqualTo(pixels(tile(tiles, 1, 0)));
    }

    @Test
    void interpolationStripRunsFromOneSeedsImageToTheOthers() throws IOException {
        Path strip = tmp.resolve("strip.png");
        Path dir = tmp.resolve("seeds");

        Outcome outcome = sample("--interpolate", "3,7", "--steps", "5", "--out", strip.toString(), "--scale", "1");
        sample("--single", dir.toString(), "--n", "5", "--seed", "3");

        assertThat(outcome.out()).contains("wrote " + strip + ": 5 steps from seed 3 to seed 7 (spherical)");
        BufferedImage image = ImageIO.read(strip.toFile());
        assertThat(image.getWidth()).isEqualTo(5 * (TILE + PAD) + PAD);
        assertThat(image.getHeight()).isEqualTo(TILE + 2 * PAD);
        int[] seed3 = pixels(ImageIO.read(dir.resolve("seed0003.png").toFile()));
        int[] seed7 = pixels(ImageIO.read(dir.resolve("seed0007.png").toFile()));
        assertThat(pixels(tile(image, 0, 0))).isEqualTo(seed3);
        assertThat(pixels(tile(image, 4, 0))).isEqualTo(seed7);
        assertThat(pixels(tile(image, 2, 0))).isNotEqualTo(seed3).isNotEqualTo(seed7);
    }

    @Test
    void interpolationFramesAsSinglePngs() throws IOException {
        Path frames = tmp.resolve("frames");
        Path strip = tmp.resolve("strip.png");

        Outcome outcome = sample("--interpolate", "7,3", "--steps", "3", "--single", frames.toString());
        sample("--interpolate", "7,3", "--steps", "3", "--out", strip.toString(), "--scale", "1");

        assertThat(outcome.out()).contains("(seed0007-to-seed0003-0000.png to seed0007-to-seed0003-0002.png)");
        assertThat(names(frames)).hasSize(3);
        BufferedImage tiles = ImageIO.read(strip.toFile());
        for (int i = 0; i < 3; i++) {
            Path frame = frames.resolve(String.format("seed0007-to-seed0003-%04d.png", i));
            assertThat(pixels(ImageIO.read(frame.toFile()))).isEqualTo(pixels(tile(tiles, i, 0)));
        }
    }

    @Test
    void truncationOneIsNoTruncationAndSmallerPsiChangesTheImages() throws IOException {
        Path plain = tmp.resolve("plain.png");
        Path one = tmp.resolve("one.png");
        Path half = tmp.resolve("half.png");

        sample("--out", plain.toString(), "--n", "4");
        sample("--out", one.toString(), "--n", "4", "--truncation", "1");
        Outcome outcome = sample("--out", half.toString(), "--n", "4", "--truncation", "0.5");

        assertThat(outcome.out()).contains("seeds 0-3, truncation 0.5, 11x, from ");
        assertThat(Files.readAllBytes(one)).isEqualTo(Files.readAllBytes(plain));
        assertThat(Files.readAllBytes(half)).isNotEqualTo(Files.readAllBytes(plain));
    }

    @Test
    void trainingGridRedrawsTheRunsOwnGridAndScaleOneGivesItsExactPixels() throws IOException {
        Path shown = tmp.resolve("shown.png");
        Path exact = tmp.resolve("exact.png");
        Path singles = tmp.resolve("big");

        Outcome outcome = sample("--training-grid", "--out", shown.toString());
        sample("--training-grid", "--out", exact.toString(), "--scale", "1");
        sample("--single", singles.toString(), "--n", "1", "--scale", "3");

        assertThat(outcome.out()).contains("the training grid (the run's 64 fixed latents), 11x, from");
        // The run ended at iteration 2, so its last grid is of the checkpoint's generator.
        assertThat(Files.readAllBytes(shown)).isEqualTo(Files.readAllBytes(runDir.resolve("samples/iter-0000002.png")));
        BufferedImage small = ImageIO.read(exact.toFile());
        BufferedImage large = ImageIO.read(shown.toFile());
        assertThat(small.getWidth()).isEqualTo(8 * (TILE + PAD) + PAD);
        assertThat(large.getWidth()).isEqualTo(SHOWN * small.getWidth());
        for (int y = 0; y < large.getHeight(); y++) {
            for (int x = 0; x < large.getWidth(); x++) {
                assertThat(large.getRaster().getSample(x, y, 0)).as("(%d, %d)", x, y)
                        .isEqualTo(small.getRaster().getSample(x / SHOWN, y / SHOWN, 0));
            }
        }
        assertThat(ImageIO.read(singles.resolve("seed0000.png").toFile()).getWidth()).isEqualTo(3 * TILE);
    }

    @Test
    void aFailedWriteIsAnInputErrorNamingThePath() {
        // /proc accepts no new files, not even from root; a non-root user is stopped by the early check instead.
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        Path out = Path.of("/proc/gan-sample-test.png");

        Outcome outcome = run("sample", runDir.toString(), "--n", "1", "--out", out.toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains(out.toString()).doesNotContain("\tat ");
    }

    private static BufferedImage tile(BufferedImage grid, int column, int row) {
        return grid.getSubimage(PAD + column * (TILE + PAD), PAD + row * (TILE + PAD), TILE, TILE);
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void classAndPerClassOnAnUnconditionalCheckpointAreRefused() {
        for (String[] args : new String[][] {{"--class", "0"}, {"--per-class"}}) {
            Outcome outcome = GanCliTest.sample(runDir, args[0], args.length > 1 ? args[1] : "--scale=1", "--out",
                    tmp.resolve("c.png").toString());
            assertThat(outcome.exitCode()).isEqualTo(2);
            assertThat(outcome.err()).contains(": its generator is not class-conditional (its run had "
                    + "model.conditional: false, or model.generator.conditional: false): " + args[0]
                    + " needs a checkpoint whose generator takes the class").doesNotContain("\tat ");
            assertThat(tmp.resolve("c.png")).doesNotExist();
        }
    }
}
