package dev.jvmgan.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageGridTest {
    @TempDir
    Path dir;

    /** Three 1x2x2 grey images: all -1, all +1, and [[-0.5, 0], [0.5, 2 (clamped)]]. */
    private static INDArray greyImages() {
        float[] values = {
                -1, -1, -1, -1,
                1, 1, 1, 1,
                -0.5f, 0, 0.5f, 2};
        return Nd4j.create(values, new long[] {3, 1, 2, 2}, 'c');
    }

    private static int[][] greyPixels(BufferedImage image) {
        int[][] rows = new int[image.getHeight()][image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                rows[y][x] = image.getRaster().getSample(x, y, 0);
            }
        }
        return rows;
    }

    @Test
    void greyGridHasPaddingAndRoundedValues() {
        BufferedImage grid = ImageGrid.grid(greyImages(), 2, 1);

        assertThat(grid.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        // 2 columns, 2 rows of 2x2 tiles, 1 px padding around and between: 7 x 7.
        assertThat(greyPixels(grid)).isDeepEqualTo(new int[][] {
                {0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 255, 255, 0},
                {0, 0, 0, 0, 255, 255, 0},
                {0, 0, 0, 0, 0, 0, 0},
                {0, 64, 128, 0, 0, 0, 0},    // round(0.5 * 127.5) = 64, round(127.5) = 128
                {0, 191, 255, 0, 0, 0, 0},   // round(1.5 * 127.5) = 191, 2 clamps to 1
                {0, 0, 0, 0, 0, 0, 0}});
    }

    @Test
    void rgbGridKeepsChannelsApart() {
        // Two 3x1x1 images: pure red and (0, +1, -1) = green; one column, padding 1.
        INDArray images = Nd4j.create(new float[] {1, -1, -1, -1, 1, -1}, new long[] {2, 3, 1, 1}, 'c');

        BufferedImage grid = ImageGrid.grid(images, 1, 1);

        assertThat(grid.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(grid.getWidth()).isEqualTo(3);
        assertThat(grid.getHeight()).isEqualTo(5);
        assertThat(grid.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(grid.getRGB(1, 3) & 0xFFFFFF).isEqualTo(0x00FF00);
        assertThat(grid.getRGB(0, 0) & 0xFFFFFF).isZero();
        assertThat(grid.getRGB(1, 2) & 0xFFFFFF).isZero();
    }

    @Test
    void upscaleRepeatsEveryPixelAsABlockInGreyAndRgb() {
        BufferedImage one = ImageGrid.single(greyImages(), 2);

        assertThat(greyPixels(ImageGrid.upscale(one, 2))).isDeepEqualTo(new int[][] {
                {64, 64, 128, 128},
                {64, 64, 128, 128},
                {191, 191, 255, 255},
                {191, 191, 255, 255}});
        assertThat(ImageGrid.upscale(one, 1)).isSameAs(one);

        INDArray rgb = Nd4j.create(new float[] {1, -1, -1, -1, 1, -1}, new long[] {2, 3, 1, 1}, 'c');
        BufferedImage big = ImageGrid.upscale(ImageGrid.grid(rgb, 2, 0), 3);
        assertThat(big.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(big.getWidth()).isEqualTo(6);
        assertThat(big.getHeight()).isEqualTo(3);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 6; x++) {
                assertThat(big.getRGB(x, y) & 0xFFFFFF).isEqualTo(x < 3 ? 0xFF0000 : 0x00FF00);
            }
        }
        assertThatThrownBy(() -> ImageGrid.upscale(one, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void visibleScaleShowsATileAtEightyFourPixelsOrMore() {
        assertThat(ImageGrid.visibleScale(28)).isEqualTo(3);
        assertThat(ImageGrid.visibleScale(29)).isEqualTo(3);
        assertThat(ImageGrid.visibleScale(27)).isEqualTo(4);
        assertThat(ImageGrid.visibleScale(64)).isEqualTo(2);
        assertThat(ImageGrid.visibleScale(84)).isEqualTo(1);
        assertThat(ImageGrid.visibleScale(256)).isEqualTo(1);
        assertThat(ImageGrid.visibleScale(8)).isEqualTo(11);
    }

    @Test
    void singlePicksOneImageWithoutPadding() {
        BufferedImage one = ImageGrid.single(greyImages(), 2);

        assertThat(greyPixels(one)).isDeepEqualTo(new int[][] {{64, 128}, {191, 255}});
        assertThatThrownBy(() -> ImageGrid.single(greyImages(), 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void writePngRoundTripsThroughImageIo() throws IOException {
        BufferedImage grid = ImageGrid.grid(greyImages(), 2, 1);
        Path file = dir.resolve("samples/step-000001.png");

        ImageGrid.writePng(grid, file);
        ImageGrid.writePng(grid, file); // overwriting an existing file works too

        BufferedImage back = ImageIO.read(file.toFile());
        assertThat(greyPixels(back)).isDeepEqualTo(greyPixels(grid));
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file); // no temp files left behind
        }
    }

    @Test
    void writePngRoundTripsRgb() throws IOException {
        // Planes R = (1, -1), G = (0, 0.5), B = (-1, 1).
        INDArray images = Nd4j.create(new float[] {1, -1, 0, 0.5f, -1, 1}, new long[] {1, 3, 1, 2}, 'c');
        Path file = dir.resolve("rgb.png");

        ImageGrid.writePng(ImageGrid.single(images, 0), file);

        BufferedImage back = ImageIO.read(file.toFile());
        assertThat(back.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF8000);
        assertThat(back.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x00BFFF);
    }

    @Test
    void writePngUnderAFileFailsNamingThePath() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain.txt"), "x");
        Path file = notADirectory.resolve("out.png");

        assertThatThrownBy(() -> ImageGrid.writePng(ImageGrid.single(greyImages(), 0), file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write PNG " + file + ": ")
                .hasMessageContaining("not a directory");
    }

    @Test
    void rejectsWrongShapes() {
        assertThatThrownBy(() -> ImageGrid.grid(Nd4j.zeros(2, 2, 4, 4), 2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected NCHW images with 1 or 3 channels and N >= 1, got shape [2, 2, 4, 4]");
    }
}
