package dev.jvmgan.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.DataSource;
import dev.jvmgan.data.BatchSource;
import dev.jvmgan.data.TrainingData;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small-data folder the README offers: the first N images of an IDX file, pixel for pixel, by class. */
class IdxSubsetFolderTest {

    /** 5 images of 3x2 pixels, image i's pixel p = 10 i + p, labels 1, 0, 1, 2, 0. */
    private static Path idx(Path dir) throws IOException {
        Path images = dir.resolve("train-images-idx3-ubyte");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(images))) {
            out.writeInt(0x00000803);
            out.writeInt(5);
            out.writeInt(3);
            out.writeInt(2);
            for (int i = 0; i < 5; i++) {
                for (int p = 0; p < 6; p++) {
                    out.writeByte(10 * i + p);
                }
            }
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(
                dir.resolve("train-labels-idx1-ubyte")))) {
            out.writeInt(0x00000801);
            out.writeInt(5);
            for (int label : new int[]{1, 0, 1, 2, 0}) {
                out.writeByte(label);
            }
        }
        return images;
    }

    @Test
    void writesTheFirstImagesAsGreyPngsInOneFolderPerLabel(@TempDir Path tmp) throws Exception {
        Path images = idx(tmp);

        assertThat(IdxSubsetFolder.write(images, 4, tmp.resolve("subset"))).isEqualTo(4);

        assertThat(tmp.resolve("subset/1/000000.png")).exists();
        assertThat(tmp.resolve("subset/0/000001.png")).exists();
        assertThat(tmp.resolve("subset/1/000002.png")).exists();
        assertThat(tmp.resolve("subset/2/000003.png")).exists();
        assertThat(tmp.resolve("subset/0/000004.png")).doesNotExist();
        BufferedImage third = ImageIO.read(tmp.resolve("subset/1/000002.png").toFile());
        assertThat(third.getWidth()).isEqualTo(2);
        assertThat(third.getHeight()).isEqualTo(3);
        for (int p = 0; p < 6; p++) {
            assertThat(third.getRaster().getSample(p % 2, p / 2, 0)).isEqualTo(20 + p);
        }
        TrainingData data = TrainingData.open(new DataConfig(DataSource.FOLDER, tmp.resolve("subset").toString(),
                4, 1));
        assertThat(data.size()).isEqualTo(4);
        assertThat(data.classNames()).containsExactly("0", "1", "2");
        try (BatchSource batches = data.batches(2, 1L)) {
            assertThat(batches.next().shape()).containsExactly(2, 1, 4, 4);
        }
    }

    @Test
    void takesAllImagesWhenAskedForMoreAndRefusesNone(@TempDir Path tmp) throws Exception {
        Path images = idx(tmp);
        assertThat(IdxSubsetFolder.write(images, 100, tmp.resolve("all"))).isEqualTo(5);
        assertThatThrownBy(() -> IdxSubsetFolder.write(images, 0, tmp.resolve("none")))
                .hasMessageContaining("count must be >= 1");
    }
}
