package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ImageDatasetTest {
    private static final Path DEBIAN_LABELS = Path.of("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz");

    @TempDir
    Path dir;

    @Test
    void embeddedFashionMnistLoads() throws IOException {
        ImageDataset data = ImageDataset.open(
                new DataConfig(DataSource.IDX, DataConfig.EMBEDDED_FASHION_MNIST, 28, 1));

        assertThat(data.size()).isEqualTo(10_000);
        assertThat(data.imageSize()).isEqualTo(28);
        assertThat(data.channels()).isEqualTo(1);
        assertThat(data.labels()).hasSize(10_000);
        assertThat(java.util.Arrays.stream(data.labels()).distinct().sorted().toArray())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(data.labels()[0]).isEqualTo(9); // ankle boot, as in the upstream README

        assumeTrue(Files.isReadable(DEBIAN_LABELS), "Debian dataset-fashion-mnist not installed");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(DEBIAN_LABELS))) {
            byte[] header = in.readNBytes(9);
            assertThat(data.labels()[0]).isEqualTo(header[8] & 0xFF);
        }
    }

    @Test
    void idxFilePicksUpTheLabelsFileNextToIt() throws IOException {
        Path images = IdxFiles.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), 3, 4, 4, true);
        IdxFiles.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), new int[] {7, 1, 4}, true);

        ImageDataset data = ImageDataset.open(new DataConfig(DataSource.IDX, images.toString(), 4, 1));

        assertThat(data.labels()).containsExactly(7, 1, 4);
        assertThat(data.pixel(2, 0, 3, 1)).isEqualTo((2 * 31 + 3 * 7 + 1) % 256);
    }

    @Test
    void idxWithoutLabelsFileHasNullLabels() throws IOException {
        Path images = IdxFiles.writeImages(dir.resolve("mine.idx"), 2, 4, 4, false);

        assertThat(ImageDataset.open(new DataConfig(DataSource.IDX, images.toString(), 4, 1)).labels()).isNull();
    }

    @Test
    void labelCountMismatchIsAnError() throws IOException {
        Path images = IdxFiles.writeImages(dir.resolve("a-images-idx3-ubyte"), 3, 4, 4, false);
        IdxFiles.writeLabels(dir.resolve("a-labels-idx1-ubyte"), new int[] {1, 2}, false);

        assertThatThrownBy(() -> ImageDataset.open(new DataConfig(DataSource.IDX, images.toString(), 4, 1)))
                .isInstanceOf(DataException.class)
                .hasMessage(images + ": 3 images but its labels file has 2 labels");
    }

    @Test
    void idxGreyIsReplicatedToRgbAtTheSameSize() throws IOException {
        Path images = IdxFiles.writeImages(dir.resolve("x.idx"), 2, 4, 4, false);

        ImageDataset data = ImageDataset.open(new DataConfig(DataSource.IDX, images.toString(), 4, 3));

        for (int c = 0; c < 3; c++) {
            assertThat(data.pixel(1, c, 2, 3)).isEqualTo((31 + 2 * 7 + 3) % 256);
        }
    }

    @Test
    void idxIsResizedWithTheFolderFilter() throws IOException {
        // A constant image stays constant through any interpolation; a 2x2 checker averages to its mean when halved.
        byte[] flat = new byte[16];
        java.util.Arrays.fill(flat, (byte) 200);
        byte[] checker = new byte[16];
        for (int i = 0; i < 16; i++) {
            checker[i] = (byte) (((i / 4) + (i % 4)) % 2 == 0 ? 100 : 200);
        }
        byte[] both = new byte[32];
        System.arraycopy(flat, 0, both, 0, 16);
        System.arraycopy(checker, 0, both, 16, 16);
        Path images = Files.write(dir.resolve("r.idx"), IdxFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {2, 4, 4},
                both));

        ImageDataset up = ImageDataset.open(new DataConfig(DataSource.IDX, images.toString(), 9, 3));
        ImageDataset down = ImageDataset.open(new DataConfig(DataSource.IDX, images.toString(), 2, 1));

        assertThat(up.imageSize()).isEqualTo(9);
        assertThat(up.pixel(0, 2, 8, 8)).isEqualTo(200);
        assertThat(down.pixel(1, 0, 1, 0)).isBetween(149, 151);
    }

    @Test
    void openErrorsNameThePath() throws IOException {
        Path missing = dir.resolve("missing-images-idx3-ubyte.gz");
        Path text = Files.writeString(dir.resolve("readme.gz"), "not idx at all");

        assertThatThrownBy(() -> ImageDataset.open(new DataConfig(DataSource.IDX, missing.toString(), 28, 1)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(missing + ": no such file");
        assertThatThrownBy(() -> ImageDataset.open(new DataConfig(DataSource.IDX, text.toString(), 28, 1)))
                .hasMessageStartingWith(text + ": not an IDX file");
        assertThatThrownBy(() -> ImageDataset.open(new DataConfig(DataSource.IDX, "embedded:cifar", 28, 1)))
                .hasMessage("embedded:cifar: unknown embedded data set; the only one is embedded:fashion-mnist-test");
        assertThatThrownBy(() -> ImageDataset.open(new DataConfig(DataSource.FOLDER, missing.toString(), 28, 1)))
                .hasMessageStartingWith(missing + ": no such folder");
    }

    @Test
    void badShapeIsRejectedNamingTheField() {
        assertThatThrownBy(() -> ImageDataset.open(new DataConfig(DataSource.IDX, "x", 28, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data.channels = 2 must be 1 (grey) or 3 (RGB)");
        assertThatThrownBy(() -> ImageDataset.open(new DataConfig(DataSource.IDX, "x", 0, 1)))
                .hasMessage("data.imageSize = 0 must be >= 1");
    }

    @Test
    void ofChecksTheLength() {
        assertThatThrownBy(() -> ImageDataset.of(new byte[10], 2, 1, 2, null, "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pixels.length = 10 but 2 x 1 x 2 x 2 = 8");
    }
}
