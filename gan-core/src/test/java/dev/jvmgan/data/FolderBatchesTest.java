package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.data.decode.ImageFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Streaming batches: determinism whatever the threads, exact restore, crops, mirroring, labels, stand-ins. */
class FolderBatchesTest {
    private static final int SIZE = 8;

    @TempDir
    Path dir;

    /**
     * {@code count} wide 12x8 PNGs: red ramps along x (so crops and mirroring show), green {@code 20 i + 5} (the
     * image's id, constant, so it survives any crop), blue {@code 60 * class}; classes as subfolders c0, c1, ...
     */
    static void writeFolder(Path dir, int count, int classes) {
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(12, 8, BufferedImage.TYPE_INT_RGB);
            int cls = i % Math.max(1, classes);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 12; x++) {
                    image.setRGB(x, y, (x * 20) << 16 | (20 * i + 5) << 8 | (classes == 0 ? 0 : 60 * cls));
                }
            }
            Path file = classes == 0 ? dir.resolve("img" + i + ".png") : dir.resolve("c" + cls + "/img" + i + ".png");
            ImageFixtures.write(image, "png", file);
        }
    }

    static DataConfig config(Path dir, DataConfig.Crop crop, boolean flip, DataConfig.BadFiles policy, int threads) {
        return new DataConfig(DataSource.FOLDER, dir.toString(), SIZE, 3).withFolderOptions(crop, flip,
                DataConfig.BLACK, policy, DataConfig.DEFAULT_MAX_IMAGE_PIXELS, DataConfig.Cache.NONE, threads);
    }

    static BatchSource open(DataConfig config, int batchSize, long seed) throws DataException {
        return TrainingData.open(config).batches(batchSize, seed);
    }

    private static List<INDArray> take(BatchSource source, int batches) {
        List<INDArray> taken = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            taken.add(source.next().dup());
        }
        return taken;
    }

    /** The image ids of a batch, from the green channel. */
    private static List<Integer> ids(INDArray batch) {
        List<Integer> ids = new ArrayList<>();
        for (int b = 0; b < batch.size(0); b++) {
            int green = Math.round((batch.getFloat(b, 1, 0, 0) + 1f) * 127.5f);
            ids.add((green - 5) / 20);
        }
        return ids;
    }

    @Test
    void theSameSeedGivesTheSameBitsWhateverTheNumberOfThreads() throws Exception {
        writeFolder(dir, 10, 0);
        List<INDArray> one;
        List<INDArray> three;
        List<INDArray> otherSeed;
        try (BatchSource a = open(config(dir, DataConfig.Crop.RANDOM, true, DataConfig.BadFiles.SKIP, 1), 3, 42L);
             BatchSource b = open(config(dir, DataConfig.Crop.RANDOM, true, DataConfig.BadFiles.SKIP, 3), 3, 42L);
             BatchSource c = open(config(dir, DataConfig.Crop.RANDOM, true, DataConfig.BadFiles.SKIP, 2), 3, 43L)) {
            one = take(a, 12);
            three = take(b, 12);
            otherSeed = take(c, 12);
        }

        assertThat(three).isEqualTo(one);
        assertThat(otherSeed).isNotEqualTo(one);
    }

    @Test
    void restoreContinuesWithTheVeryBatchesOfTheUninterruptedRun() throws Exception {
        writeFolder(dir, 10, 0);
        DataConfig config = config(dir, DataConfig.Crop.RANDOM, true, DataConfig.BadFiles.SKIP, 2);
        int epoch;
        int position;
        long seen;
        List<INDArray> after;
        try (BatchSource uninterrupted = open(config, 3, 7L)) {
            take(uninterrupted, 4);
            epoch = uninterrupted.epoch();
            position = uninterrupted.position();
            seen = uninterrupted.imagesSeen();
            after = take(uninterrupted, 5);
            // Restoring a source that has decoded ahead drops that work and starts over from the state.
            uninterrupted.restore(epoch, position);
            assertThat(take(uninterrupted, 5)).isEqualTo(after);
        }
        assertThat(epoch).isEqualTo(1);
        assertThat(position).isEqualTo(3);
        assertThat(seen).isEqualTo(12);

        try (BatchSource resumed = open(config, 3, 7L)) {
            resumed.restore(epoch, position);
            assertThat(resumed.imagesSeen()).isEqualTo(seen);
            assertThat(take(resumed, 5)).isEqualTo(after);
        }
    }

    @Test
    void withoutAugmentationTheStreamEqualsTheInMemorySampler() throws Exception {
        writeFolder(dir, 10, 0);
        DataConfig config = config(dir, DataConfig.Crop.CENTER, true, DataConfig.BadFiles.SKIP, 2);
        DecodedImages inMemory = FolderImages.decode(ImageFiles.check(dir, ImageFiles.find(dir), config), config,
                Integer.MAX_VALUE).images();

        try (BatchSource streamed = open(config, 4, 5L);
             BatchSource sampler = new BatchSampler(inMemory, 4, 5L, true)) {
            assertThat(take(streamed, 7)).isEqualTo(take(sampler, 7));
        }
    }

    @Test
    void everyEpochVisitsDistinctImagesInANewOrder() throws Exception {
        writeFolder(dir, 10, 0);
        try (BatchSource source = open(config(dir, DataConfig.Crop.CENTER, false, DataConfig.BadFiles.SKIP, 2),
                3, 11L)) {
            assertThat(source.batchesPerEpoch()).isEqualTo(3);
            List<Integer> epoch0 = new ArrayList<>();
            List<Integer> epoch1 = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                epoch0.addAll(ids(source.next()));
            }
            assertThat(source.epoch()).isEqualTo(1);
            assertThat(source.position()).isZero();
            for (int i = 0; i < 3; i++) {
                epoch1.addAll(ids(source.next()));
            }
            assertThat(new HashSet<>(epoch0)).hasSize(9);
            assertThat(new HashSet<>(epoch1)).hasSize(9);
            assertThat(epoch1).isNotEqualTo(epoch0);
            assertThat(source.batchLabels()).isNull();
            assertThat(source.classNames()).isEmpty();
        }
    }

    @Test
    void randomCropsMoveAlongTheLongSideWhileCentreCropsStay() throws Exception {
        writeFolder(dir, 2, 0);
        Set<Float> randomLeftEdges = new HashSet<>();
        Set<Float> centreLeftEdges = new HashSet<>();
        try (BatchSource random = open(config(dir, DataConfig.Crop.RANDOM, false, DataConfig.BadFiles.SKIP, 2), 1, 3L);
             BatchSource centre = open(config(dir, DataConfig.Crop.CENTER, false, DataConfig.BadFiles.SKIP, 2), 1, 3L)) {
            for (int i = 0; i < 40; i++) {
                randomLeftEdges.add(random.next().getFloat(0, 0, 0, 0));
                centreLeftEdges.add(centre.next().getFloat(0, 0, 0, 0));
            }
        }
        // 12 wide, 8 high: the square starts at x = 0..4, red = 20 x; the centre square starts at x = 2.
        assertThat(centreLeftEdges).containsExactly(40 / 127.5f - 1f);
        assertThat(randomLeftEdges).containsExactlyInAnyOrder(0 / 127.5f - 1f, 20 / 127.5f - 1f, 40 / 127.5f - 1f,
                60 / 127.5f - 1f, 80 / 127.5f - 1f);
    }

    @Test
    void flipMirrorsAboutHalfTheImages() throws Exception {
        writeFolder(dir, 2, 0);
        int mirrored = 0;
        try (BatchSource source = open(config(dir, DataConfig.Crop.CENTER, true, DataConfig.BadFiles.SKIP, 2), 1, 9L)) {
            for (int i = 0; i < 200; i++) {
                INDArray image = source.next();
                float left = image.getFloat(0, 0, 3, 0);
                float right = image.getFloat(0, 0, 3, SIZE - 1);
                assertThat(left).isNotEqualTo(right);
                mirrored += left > right ? 1 : 0;
            }
        }
        assertThat(mirrored).isBetween(80, 120);
    }

    @Test
    void labelsComeFromSubfoldersInSortedOrder() throws Exception {
        writeFolder(dir, 9, 3);
        ImageFixtures.write(ImageFixtures.solid(8, 8, java.awt.Color.RED), "png", dir.resolve("loose.png"));
        try (BatchSource source = open(config(dir, DataConfig.Crop.CENTER, false, DataConfig.BadFiles.SKIP, 2),
                5, 1L)) {
            assertThat(source.classNames()).containsExactly("c0", "c1", "c2");
            for (int n = 0; n < 4; n++) {
                INDArray batch = source.next();
                int[] labels = source.batchLabels();
                for (int b = 0; b < 5; b++) {
                    boolean loose = Math.round((batch.getFloat(b, 0, 0, 0) + 1f) * 127.5f) == 255;
                    int blue = Math.round((batch.getFloat(b, 2, 0, 0) + 1f) * 127.5f);
                    assertThat(labels[b]).isEqualTo(loose ? -1 : blue / 60);
                }
            }
        }
    }

    @Test
    void aFileThatFailsWhileTrainingGetsTheSameStandInEveryRun() throws Exception {
        writeFolder(dir, 6, 0);
        Path damaged = ImageFixtures.pngWithDamagedData(dir.resolve("img9-damaged.png"));
        DataConfig skip = config(dir, DataConfig.Crop.CENTER, false, DataConfig.BadFiles.SKIP, 2);
        TrainingData data = TrainingData.open(skip);
        assertThat(data.size()).as("the check reads headers and end markers only").isEqualTo(7);

        List<INDArray> first;
        List<INDArray> second;
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(FolderBatches.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (BatchSource a = data.batches(7, 2L); BatchSource b = data.batches(7, 2L)) {
            first = take(a, 3);   // 3 epochs of one batch each: every one draws the damaged file
            second = take(b, 3);
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(second).isEqualTo(first);
        assertThat(appender.list).extracting(e -> e.getFormattedMessage())
                .filteredOn(m -> m.startsWith("Skipping"))
                .as("named once by each of the two sources, not once per epoch")
                .hasSize(2).allMatch(m -> m.startsWith("Skipping " + damaged + ": corrupt: "));
        for (INDArray batch : first) {
            assertThat(ids(batch)).hasSize(7).allMatch(id -> id >= 0 && id < 6);
        }

        DataConfig fail = config(dir, DataConfig.Crop.CENTER, false, DataConfig.BadFiles.FAIL, 2);
        try (BatchSource strict = TrainingData.open(fail).batches(7, 2L)) {
            assertThatThrownBy(strict::next).isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith(damaged + ": corrupt: ")
                    .hasMessageEndingWith("(found while training; data.badFiles: fail)");
        }
    }

    @Test
    void closeStopsTheLoaderThreadsWhichAreDaemons() throws Exception {
        writeFolder(dir, 4, 0);
        BatchSource source = open(config(dir, DataConfig.Crop.CENTER, false, DataConfig.BadFiles.SKIP, 3), 2, 1L);
        source.next();
        List<Thread> loaders = loaderThreads();
        assertThat(loaders).isNotEmpty().allMatch(Thread::isDaemon);

        source.close();
        for (Thread thread : loaders) {
            thread.join(5000);
        }

        assertThat(loaderThreads()).isEmpty();
        assertThatThrownBy(source::next).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBatchLargerThanTheFolderIsRejected() throws IOException {
        writeFolder(dir, 3, 0);
        assertThatThrownBy(() -> open(config(dir, DataConfig.Crop.CENTER, false, DataConfig.BadFiles.SKIP, 1), 4, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize = 4 must be between 1 and the number of usable images, 3 (" + dir + ")");
        assertThat(Files.list(dir).count()).isEqualTo(3);
    }

    @Test
    void restoreRejectsAStateOutsideTheEpochsLikeTheInMemorySampler() throws IOException {
        writeFolder(dir, 10, 0);
        try (BatchSource source = open(config(dir, DataConfig.Crop.CENTER, false, DataConfig.BadFiles.SKIP, 1), 3,
                1L)) {
            assertThatThrownBy(() -> source.restore(0, 7)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot restore to epoch 0, position 7: need epoch >= 0 and 0 <= position <= 6 "
                            + "(size 10, batchSize 3)");
            assertThatThrownBy(() -> source.restore(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    static List<Thread> loaderThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("gan-image-loader")).toList();
    }
}
