package dev.jvmgan.data;

import dev.jvmgan.config.DataConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
}
