package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.data.decode.ImageFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code data.cache: disk}: built once, read back by later runs, rebuilt when the folder changes. */
class DecodedCacheTest {
    @TempDir
    Path dir;

    private DataConfig cached(Path images) {
        return FolderBatchesTest.config(images, DataConfig.Crop.CENTER, true, DataConfig.BadFiles.SKIP, 2)
                .withFolderOptions(DataConfig.Crop.CENTER, true, DataConfig.BLACK, DataConfig.BadFiles.SKIP,
                        DataConfig.DEFAULT_MAX_IMAGE_PIXELS, DataConfig.Cache.DISK, 2);
    }

    private static List<INDArray> batches(TrainingData data) {
        List<INDArray> taken = new ArrayList<>();
        try (BatchSource source = data.batches(3, 4L)) {
            for (int i = 0; i < 5; i++) {
                taken.add(source.next().dup());
            }
        }
        return taken;
    }

    @Test
    void theSecondRunReadsTheCacheAndGetsTheSameBatchesAsStreaming() throws Exception {
        Path images = dir.resolve("images");
        FolderBatchesTest.writeFolder(images, 7, 2);
        Files.write(images.resolve("c0/empty.png"), new byte[0]);
        Path cache = dir.resolve("cache");

        TrainingData first = TrainingData.open(cached(images), cache);
        try (var files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                    .startsWith("images-8-").endsWith(".u8");
        }
        TrainingData second = TrainingData.open(cached(images), cache);
        DataConfig streamedConfig = cached(images).withFolderOptions(DataConfig.Crop.CENTER, true, DataConfig.BLACK,
                DataConfig.BadFiles.SKIP, DataConfig.DEFAULT_MAX_IMAGE_PIXELS, DataConfig.Cache.NONE, 2);
        TrainingData streamed = TrainingData.open(streamedConfig, cache);

        assertThat(first.streamed()).isFalse();
        assertThat(second.size()).isEqualTo(7);
        assertThat(second.classNames()).containsExactly("c0", "c1");
        assertThat(batches(second)).isEqualTo(batches(first)).isEqualTo(batches(streamed));
    }

    @Test
    void aChangedFolderGetsANewCacheFile() throws Exception {
        Path images = dir.resolve("images");
        FolderBatchesTest.writeFolder(images, 4, 0);
        Path cache = dir.resolve("cache");
        TrainingData.open(cached(images), cache);

        ImageFixtures.write(ImageFixtures.solid(8, 8, java.awt.Color.BLUE), "png", images.resolve("new.png"));
        TrainingData changed = TrainingData.open(cached(images), cache);

        assertThat(changed.size()).isEqualTo(5);
        try (var files = Files.list(cache)) {
            assertThat(files.count()).isEqualTo(2);
        }
    }

    @Test
    void readAllGivesTheSameImagesFromTheCacheAsFromTheFiles() throws Exception {
        Path images = dir.resolve("images");
        FolderBatchesTest.writeFolder(images, 5, 2);
        Path cache = dir.resolve("cache");
        TrainingData.open(cached(images), cache);
        DataConfig streamedConfig = cached(images).withFolderOptions(DataConfig.Crop.CENTER, true, DataConfig.BLACK,
                DataConfig.BadFiles.SKIP, DataConfig.DEFAULT_MAX_IMAGE_PIXELS, DataConfig.Cache.NONE, 2);

        LabelledImages fromCache = TrainingData.open(cached(images), cache).readAll(Integer.MAX_VALUE);
        LabelledImages fromFiles = TrainingData.open(streamedConfig, cache).readAll(Integer.MAX_VALUE);

        assertThat(fromCache.images()).isEqualTo(fromFiles.images());
        assertThat(fromCache.labels()).containsExactly(0, 0, 0, 1, 1).containsExactly(fromFiles.labels());
        assertThat(fromCache.classNames()).containsExactly("c0", "c1").isEqualTo(fromFiles.classNames());
    }

    /** The layout is the format's version: a change to it must come with a new magic number. */
    @Test
    void aCacheFileInTheVersion1LayoutIsReadInsteadOfTheFolder() throws Exception {
        Path images = dir.resolve("images");
        FolderBatchesTest.writeFolder(images, 2, 0);
        Path cache = dir.resolve("cache");
        TrainingData.open(cached(images), cache);
        Path file;
        try (var files = Files.list(cache)) {
            file = files.findFirst().orElseThrow();
        }
        int length = 3 * 8 * 8;
        try (OutputStream raw = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(raw)) {
            out.writeInt(0x4A474331);   // "JGC1"
            out.writeInt(2);            // images
            out.writeInt(1);            // classes
            out.writeUTF("only");
            out.writeBoolean(true);     // labels follow
            out.writeInt(0);
            out.writeInt(-1);
            out.writeInt(1);            // skipped files
            out.writeUTF("gone.png");
            out.writeUTF("empty file (0 bytes)");
            out.writeInt(2 * length);
            for (int i = 0; i < 2 * length; i++) {
                out.writeByte(i % 251);
            }
        }

        TrainingData data = TrainingData.open(cached(images), cache);
        LabelledImages all = data.readAll(Integer.MAX_VALUE);

        assertThat(data.classNames()).containsExactly("only");
        assertThat(all.labels()).containsExactly(0, -1);
        assertThat(all.images().getFloat(1, 2, 7, 7)).isEqualTo((2 * length - 1) % 251 / 127.5f - 1f);
        assertThat(all.images().getFloat(0, 0, 0, 1)).isEqualTo(1 / 127.5f - 1f);
    }

    @Test
    void aMissingFolderIsNamedOnce() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> TrainingData.open(cached(missing), dir.resolve("cache")))
                .isInstanceOf(DataException.class)
                .hasMessage(missing + ": no such folder (source: folder expects a directory of images)");
    }
}
