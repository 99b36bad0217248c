package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code source: idx}: the embedded split and files on disk, their labels, shapes, errors, readAll and otherSplit. */
class IdxDataTest {
    private static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    private static TrainingData open(Path images, int size, int channels) throws DataException {
        return TrainingData.open(new DataConfig(DataSource.IDX, images.toString(), size, channels));
    }

    /** What a uint8 pixel becomes in a batch. */
    private static float unit(int value) {
        return value / 127.5f - 1f;
    }

    @Test
    void embeddedFashionMnistLoads() throws IOException {
        TrainingData data = TrainingData.open(new DataConfig(DataSource.IDX, DataConfig.EMBEDDED_FASHION_MNIST, 28, 1));
        LabelledImages all = data.readAll(Integer.MAX_VALUE);

        assertThat(data.size()).isEqualTo(10_000);
        assertThat(data.streamed()).isFalse();
        assertThat(all.images().shape()).containsExactly(10_000, 1, 28, 28);
        assertThat(all.labels()).hasSize(10_000);
        assertThat(Arrays.stream(all.labels()).distinct().sorted().toArray())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(all.labels()[0]).isEqualTo(9); // ankle boot, as in the upstream README
        assertThat(data.classNames()).isEqualTo(all.classNames()).hasSize(10).startsWith("0").endsWith("9");

        Path debianLabels = DEBIAN.resolve("t10k-labels-idx1-ubyte.gz");
        assumeTrue(Files.isReadable(debianLabels), "Debian dataset-fashion-mnist not installed");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(debianLabels))) {
            byte[] header = in.readNBytes(9);
            assertThat(all.labels()[0]).isEqualTo(header[8] & 0xFF);
        }
    }

    @Test
    void idxFilePicksUpTheLabelsFileNextToIt() throws IOException {
        Path images = IdxFiles.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), 3, 4, 4, true);
        IdxFiles.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), new int[] {7, 1, 4}, true);

        LabelledImages all = open(images, 4, 1).readAll(Integer.MAX_VALUE);

        assertThat(all.labels()).containsExactly(7, 1, 4);
        assertThat(all.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
        assertThat(all.images().getFloat(2, 0, 3, 1)).isEqualTo(unit(IdxFiles.pixel(2, 3, 1)));
    }

    @Test
    void idxWithoutLabelsFileHasNoLabels() throws IOException {
        Path images = IdxFiles.writeImages(dir.resolve("mine.idx"), 2, 4, 4, false);

        LabelledImages all = open(images, 4, 1).readAll(Integer.MAX_VALUE);

        assertThat(all.labels()).isEmpty();
        assertThat(all.labelled()).isFalse();
        assertThat(all.classNames()).isEmpty();
    }

    @Test
    void labelCountMismatchIsAnError() throws IOException {
        Path images = IdxFiles.writeImages(dir.resolve("a-images-idx3-ubyte"), 3, 4, 4, false);
        IdxFiles.writeLabels(dir.resolve("a-labels-idx1-ubyte"), new int[] {1, 2}, false);

        assertThatThrownBy(() -> open(images, 4, 1))
                .isInstanceOf(DataException.class)
                .hasMessage(images + ": 3 images but its labels file has 2 labels");
    }

    @Test
    void idxGreyIsReplicatedToRgbAtTheSameSize() throws IOException {
        Path images = IdxFiles.writeImages(dir.resolve("x.idx"), 2, 4, 4, false);

        INDArray rgb = open(images, 4, 3).readAll(Integer.MAX_VALUE).images();

        for (int c = 0; c < 3; c++) {
            assertThat(rgb.getFloat(1, c, 2, 3)).isEqualTo(unit(IdxFiles.pixel(1, 2, 3)));
        }
    }

    @Test
    void idxIsResizedWithTheFolderFilter() throws IOException {
        // A constant image stays constant through any interpolation; a 2x2 checker averages to its mean when halved.
        byte[] flat = new byte[16];
        Arrays.fill(flat, (byte) 200);
        byte[] checker = new byte[16];
        for (int i = 0; i < 16; i++) {
            checker[i] = (byte) (((i / 4) + (i % 4)) % 2 == 0 ? 100 : 200);
        }
        byte[] both = new byte[32];
        System.arraycopy(flat, 0, both, 0, 16);
        System.arraycopy(checker, 0, both, 16, 16);
        Path images = Files.write(dir.resolve("r.idx"), IdxFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {2, 4, 4},
                both));

        INDArray up = open(images, 9, 3).readAll(Integer.MAX_VALUE).images();
        INDArray down = open(images, 2, 1).readAll(Integer.MAX_VALUE).images();

        assertThat(up.shape()).containsExactly(2, 3, 9, 9);
        assertThat(up.getFloat(0, 2, 8, 8)).isEqualTo(unit(200));
        assertThat(down.getFloat(1, 0, 1, 0)).isBetween(unit(149), unit(151));
    }

    @Test
    void readAllWithALimitTakesTheFirstImagesInFileOrder() throws IOException {
        Path images = IdxFiles.writeImages(dir.resolve("t10k-images-idx3-ubyte"), 5, 4, 4, false);
        IdxFiles.writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {3, 0, 2, 2, 1}, false);
        TrainingData data = open(images, 4, 1);

        LabelledImages all = data.readAll(Integer.MAX_VALUE);
        LabelledImages two = data.readAll(2);

        assertThat(all.count()).isEqualTo(5);
        assertThat(two.count()).isEqualTo(2);
        assertThat(two.labels()).containsExactly(3, 0);
        assertThat(two.images()).isEqualTo(all.images().get(NDArrayIndex.interval(0, 2)));
        assertThat(two.images().getFloat(1, 0, 0, 0)).isEqualTo(unit(IdxFiles.pixel(1, 0, 0)));
        assertThatThrownBy(() -> data.readAll(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit = 0 must be >= 1 (Integer.MAX_VALUE for all images)");
    }

    @Test
    void readAllNeverMirrorsThoughBatchesDo() throws IOException {
        Path images = IdxFiles.writeImages(dir.resolve("x.idx"), 8, 4, 4, false);
        DataConfig flipping = new DataConfig(DataSource.IDX, images.toString(), 4, 1).withFolderOptions(
                DataConfig.Crop.CENTER, true, DataConfig.BLACK, DataConfig.BadFiles.SKIP,
                DataConfig.DEFAULT_MAX_IMAGE_PIXELS, DataConfig.Cache.NONE, 1);

        INDArray all = TrainingData.open(flipping).readAll(8).images();

        // The pattern grows along x, so a mirrored image would show; with flip, batches mirror about half of them.
        for (int i = 0; i < 8; i++) {
            for (int x = 0; x < 4; x++) {
                assertThat(all.getFloat(i, 0, 1, x)).isEqualTo(unit(IdxFiles.pixel(i, 1, x)));
            }
        }
    }

    @Test
    void theOtherSplitIsTheTrainOrT10kFileNextToIt() throws IOException {
        Path test = IdxFiles.writeImages(dir.resolve("t10k-images-idx3-ubyte.gz"), 2, 4, 4, true);
        Path train = IdxFiles.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), 3, 4, 4, true);
        Path alone = IdxFiles.writeImages(Files.createDirectories(dir.resolve("alone"))
                .resolve("t10k-images-idx3-ubyte.gz"), 2, 4, 4, true);
        Path other = IdxFiles.writeImages(dir.resolve("mine-images.idx"), 2, 4, 4, false);

        DataConfig fromTest = open(test, 4, 3).otherSplit().orElseThrow();
        assertThat(fromTest.path()).isEqualTo(train.toString());
        assertThat(fromTest).isEqualTo(new DataConfig(DataSource.IDX, train.toString(), 4, 3));
        assertThat(TrainingData.open(fromTest).size()).isEqualTo(3);
        assertThat(open(train, 4, 1).otherSplit().orElseThrow().path()).isEqualTo(test.toString());
        assertThat(open(alone, 4, 1).otherSplit()).as("no train file next to it").isEmpty();
        assertThat(open(other, 4, 1).otherSplit()).as("not MNIST's names").isEmpty();
    }

    @Test
    void theEmbeddedTestSplitPairsWithDebiansTrainingSplit() throws IOException {
        TrainingData embedded = TrainingData.open(
                new DataConfig(DataSource.IDX, DataConfig.EMBEDDED_FASHION_MNIST, 28, 1));
        Path debianTrain = DEBIAN.resolve("train-images-idx3-ubyte.gz");
        assumeTrue(Files.isRegularFile(debianTrain), "Debian dataset-fashion-mnist not installed");

        // Debian's training split itself pairs with its t10k file by the rule of the test above.
        assertThat(embedded.otherSplit().orElseThrow().path()).isEqualTo(debianTrain.toString());
    }

    @Test
    void openErrorsNameThePath() throws IOException {
        Path missing = dir.resolve("missing-images-idx3-ubyte.gz");
        Path text = Files.writeString(dir.resolve("readme.gz"), "not idx at all");

        assertThatThrownBy(() -> open(missing, 28, 1))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(missing + ": no such file");
        assertThatThrownBy(() -> open(text, 28, 1))
                .hasMessageStartingWith(text + ": not an IDX file");
        assertThatThrownBy(() -> TrainingData.open(new DataConfig(DataSource.IDX, "embedded:cifar", 28, 1)))
                .hasMessage("embedded:cifar: unknown embedded data set; the only one is embedded:fashion-mnist-test");
        assertThatThrownBy(() -> TrainingData.open(new DataConfig(DataSource.FOLDER, missing.toString(), 28, 1)))
                .hasMessageStartingWith(missing + ": no such folder");
    }

    @Test
    void badShapeIsRejectedNamingTheField() {
        assertThatThrownBy(() -> TrainingData.open(new DataConfig(DataSource.IDX, "x", 28, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data.channels = 2 must be 1 (grey) or 3 (RGB)");
        assertThatThrownBy(() -> TrainingData.open(new DataConfig(DataSource.IDX, "x", 0, 1)))
                .hasMessage("data.imageSize = 0 must be >= 1");
        assertThatThrownBy(() -> TrainingData.open(new DataConfig(DataSource.FOLDER, "x", 28, 2)))
                .as("every source").hasMessage("data.channels = 2 must be 1 (grey) or 3 (RGB)");
    }

    @Test
    void ofChecksTheLength() {
        assertThatThrownBy(() -> DecodedImages.of(new byte[10], 2, 1, 2, null, "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pixels.length = 10 but 2 x 1 x 2 x 2 = 8");
    }
}
