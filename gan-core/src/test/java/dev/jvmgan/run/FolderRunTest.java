package dev.jvmgan.run;

import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A run over an image folder: random crops and mirroring stay deterministic, and the loader threads end with it. */
class FolderRunTest {

    /** 10 noisy 12x10 RGB images, in two class folders, as PNG and JPEG. */
    private static Path folder(Path tmp) throws Exception {
        Random random = new Random(5);
        for (int i = 0; i < 10; i++) {
            BufferedImage image = new BufferedImage(12, 10, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 12; x++) {
                    image.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            Path file = tmp.resolve("images/class" + i % 2 + "/" + i + (i % 3 == 0 ? ".jpg" : ".png"));
            Files.createDirectories(file.getParent());
            ImageIO.write(image, i % 3 == 0 ? "jpeg" : "png", file.toFile());
        }
        return tmp.resolve("images");
    }

    private static RunConfig config(Path images, Path runs) {
        RunConfig tiny = TinyRuns.config(images, runs, 4);
        DataConfig data = new DataConfig(DataSource.FOLDER, images.toString(), 8, 3, DataConfig.Crop.RANDOM, true,
                DataConfig.WHITE, DataConfig.BadFiles.FAIL, 1000, DataConfig.Cache.NONE, 2);
        return new RunConfig(tiny.name(), data, tiny.model(), tiny.train(), tiny.output(), tiny.monitors());
    }

    @Test
    void twoRunsOverAFolderGiveIdenticalParametersAndLeaveNoLoaderThread(@TempDir Path tmp) throws Exception {
        Path images = folder(tmp);
        TrainingRunTest.Recorder first = new TrainingRunTest.Recorder();
        TrainingRunTest.Recorder second = new TrainingRunTest.Recorder();

        Path runDir = new TrainingRun(config(images, tmp.resolve("a")), false).withListener(first).run();
        new TrainingRun(config(images, tmp.resolve("b")), false).withListener(second).run();

        assertThat(first.events).last().isEqualTo("ended ok");
        assertThat(second.generatorParams).isEqualTo(first.generatorParams);
        assertThat(second.discriminatorParams).isEqualTo(first.discriminatorParams);
        RunConfig written = ConfigLoader.load(runDir.resolve(TrainingRun.CONFIG_FILE), List.of(), List.of());
        assertThat(written.data()).isEqualTo(config(images, tmp).data());
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("gan-image-")) {
                thread.join(5000);
            }
        }
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(Thread::isAlive)
                .noneMatch(t -> t.getName().startsWith("gan-image-"));
    }
}
